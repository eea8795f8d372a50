import type { ImageItemsResponse, ImageResponse, OurCountryDto, TrendBucket } from '@diplodesk/contracts';
import { apiRequest } from '../../../lib/api-client.ts';

export interface ImageRequest {
  bucket: TrendBucket;
  from: string;
  to: string;
  tz: string;
}

export const imageQueryKey = (request: ImageRequest) => ['insights', 'image', request] as const;
export const ourCountryQueryKey = ['insights', 'our-country'] as const;

export function fetchImage(request: ImageRequest, signal?: AbortSignal): Promise<ImageResponse> {
  return apiRequest<ImageResponse>('/insights/image', { signal, query: { ...request } });
}

export function fetchImageItems(period: { from: string; to: string }, signal?: AbortSignal): Promise<ImageItemsResponse> {
  return apiRequest<ImageItemsResponse>('/insights/image/items', { signal, query: { ...period } });
}

export function fetchOurCountry(signal?: AbortSignal): Promise<OurCountryDto> {
  return apiRequest<OurCountryDto>('/insights/settings/our-country', { signal });
}

export function saveOurCountry(country: string | null): Promise<OurCountryDto> {
  return apiRequest<OurCountryDto>('/insights/settings/our-country', { method: 'PUT', body: { country } });
}
