// A minimal declaration of the twitter-text functions we use. @types/twitter-text exists but would
// pull a second dependency for three signatures; widen this if more of the library is needed.
declare module 'twitter-text' {
  export interface ParsedTweet {
    weightedLength: number;
    valid: boolean;
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }
  export interface UrlEntity {
    url: string;
    indices: [number, number];
  }
  function parseTweet(text: string): ParsedTweet;
  function extractUrlsWithIndices(text: string, options?: { extractUrlsWithoutProtocol?: boolean }): UrlEntity[];
  const twitterText: { parseTweet: typeof parseTweet; extractUrlsWithIndices: typeof extractUrlsWithIndices };
  export default twitterText;
}
