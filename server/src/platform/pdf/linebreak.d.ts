// linebreak (UAX #14, the line breaker pdfkit uses) ships without type declarations.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next position where a line may start, or null at the end of the text. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
