import type {
  ChannelAccountDto,
  ClearanceChainDto,
  calendarResponse,
  channelAccountListResponse,
  clearanceChainListResponse,
  connectablePlatformListResponse,
  PublicationDto,
  resolvePublicationRequest,
  saveClearanceChainRequest,
  saveTemplateRequest,
  startConnectResponse,
  templateDto,
  templateListResponse,
} from '@diplodesk/contracts';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export type ConnectablePlatform = z.infer<typeof connectablePlatformListResponse>['items'][number];
export type ChannelAccountList = z.infer<typeof channelAccountListResponse>;
export type StartConnectResult = z.infer<typeof startConnectResponse>;
export type ConnectField = Extract<StartConnectResult, { kind: 'form' }>['fields'][number];
export type CalendarEntry = z.infer<typeof calendarResponse>['items'][number];
export type NewsroomCalendarEntry = z.infer<typeof calendarResponse>['newsroom'][number];
export type ResolvePublicationBody = z.input<typeof resolvePublicationRequest>;
export type ClearanceChainList = z.infer<typeof clearanceChainListResponse>;
export type SaveChainBody = z.input<typeof saveClearanceChainRequest>;
export type TemplateDto = z.infer<typeof templateDto>;
export type TemplateList = z.infer<typeof templateListResponse>;
export type SaveTemplateBody = z.input<typeof saveTemplateRequest>;

export const channelsQueryKey = ['channels'] as const;
export const platformsQueryKey = ['channels', 'platforms'] as const;
export const channelAccountsQueryKey = (unitId: string) => ['channels', 'accounts', unitId] as const;
export const calendarQueryKey = ['publications', 'calendar'] as const;
export const calendarRangeQueryKey = (unitId: string, from: string, to: string) => ['publications', 'calendar', unitId, from, to] as const;
export const clearanceChainsQueryKey = ['clearance-chains'] as const;
export const templatesQueryKey = ['statement-templates'] as const;

const id = (value: string) => encodeURIComponent(value);

export function fetchPlatforms(signal?: AbortSignal): Promise<{ items: ConnectablePlatform[] }> {
  return apiRequest('/channel-platforms', { signal });
}

export function fetchChannelAccounts(unitId: string, signal?: AbortSignal): Promise<ChannelAccountList> {
  return apiRequest('/channel-accounts', { query: { unitId }, signal });
}

export function startConnect(unitId: string, platform: string): Promise<StartConnectResult> {
  return apiRequest('/channel-accounts/connect', { method: 'POST', body: { unitId, platform } });
}

export function submitConnectForm(unitId: string, platform: string, values: Record<string, string>): Promise<ChannelAccountDto> {
  return apiRequest('/channel-accounts/connect/form', { method: 'POST', body: { unitId, platform, values } });
}

export function disconnectAccount(accountId: string): Promise<void> {
  return apiRequest(`/channel-accounts/${id(accountId)}`, { method: 'DELETE' });
}

export function fetchCalendar(unitId: string, from: string, to: string, signal?: AbortSignal): Promise<{ items: CalendarEntry[]; newsroom: NewsroomCalendarEntry[] }> {
  return apiRequest('/publications', { query: { unitId, from, to }, signal });
}

export function resolvePublication(publicationId: string, body: ResolvePublicationBody): Promise<PublicationDto> {
  return apiRequest(`/publications/${id(publicationId)}/resolve`, { method: 'POST', body });
}

export function retryPublication(publicationId: string): Promise<PublicationDto> {
  return apiRequest(`/publications/${id(publicationId)}/retry`, { method: 'POST' });
}

export function fetchClearanceChains(unitId: string, signal?: AbortSignal): Promise<ClearanceChainList> {
  return apiRequest('/clearance-chains', { query: { unitId }, signal });
}

export function saveClearanceChain(chainId: string | null, body: SaveChainBody): Promise<ClearanceChainDto> {
  return chainId ? apiRequest(`/clearance-chains/${id(chainId)}`, { method: 'PUT', body }) : apiRequest('/clearance-chains', { method: 'POST', body });
}

export function deleteClearanceChain(chainId: string): Promise<{ ok: true }> {
  return apiRequest(`/clearance-chains/${id(chainId)}`, { method: 'DELETE' });
}

export function fetchTemplates(signal?: AbortSignal): Promise<TemplateList> {
  return apiRequest('/statement-templates', { signal });
}

export function saveTemplate(templateId: string | null, body: SaveTemplateBody): Promise<TemplateDto> {
  return templateId ? apiRequest(`/statement-templates/${id(templateId)}`, { method: 'PUT', body }) : apiRequest('/statement-templates', { method: 'POST', body });
}
