/**
 * The one door to the HTTP API: same-origin cookies, the CSRF header on every mutation, and the
 * `{ error: { code, message, details } }` body turned into an `ApiError`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Codes the client produces itself, next to the server's catalogue. */
export type ClientErrorCode = 'network' | 'unknown';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The thing an address names does not exist: a 404, or an id in the path the server cannot even read
 * (`/statements/clearances`). Pages show "not found" for it rather than a form-validation message.
 */
export function isNotFoundError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.status === 404) return true;
  if (error.code !== 'request.invalid' || !Array.isArray(error.details)) return false;
  return error.details.some((d: unknown) => typeof d === 'object' && d !== null && String((d as { path?: unknown }).path ?? '').startsWith('params'));
}

let knownCsrfToken: string | null = null;

/** Remembers the token from `GET /me`; used when the `dd_csrf` cookie is not readable here. */
export function setCsrfToken(token: string | null): void {
  knownCsrfToken = token;
}

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object') {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof code === 'string') {
        return new ApiError(status, code, typeof message === 'string' ? message : code, details);
      }
    }
  }
  return new ApiError(status, 'unknown', `HTTP ${status}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Asked when an action answers `auth.step-up-required`: shows the step-up dialog and resolves true
 * once the person confirmed a factor (the action is then sent again, once), false if they cancel.
 */
export type StepUpHandler = (details: unknown) => Promise<boolean>;
let stepUpHandler: StepUpHandler | null = null;

export function setStepUpHandler(handler: StepUpHandler | null): void {
  stepUpHandler = handler;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await sendRequest<T>(path, options);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'auth.step-up-required' || !stepUpHandler) throw error;
    if (!(await stepUpHandler(error.details))) throw error;
    return sendRequest<T>(path, options);
  }
}

async function sendRequest<T>(path: string, options: RequestOptions): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    // The cookie is always the current session's; the remembered token covers a cookie path we cannot read.
    const token = readCookie('__Host-dd_csrf') ?? readCookie('dd_csrf') ?? knownCsrfToken;
    if (token) headers['x-csrf-token'] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(`/api/v1${path}`, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }

  const text = response.status === 204 ? '' : await response.text();
  const body = text ? parseJson(text) : undefined;
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

/**
 * A file the API answers (an export): through the same step-up retry as every request; the browser
 * then saves it under the name the server gave.
 */
export async function apiDownload(path: string, query?: QueryParams): Promise<void> {
  const fetchFile = async () => {
    const response = await fetch(buildUrl(`/api/v1${path}`, query), { credentials: 'same-origin' }).catch(() => {
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    });
    if (!response.ok) throw toApiError(response.status, parseJson(await response.text()));
    return response;
  };
  let response: Response;
  try {
    response = await fetchFile();
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'auth.step-up-required' || !stepUpHandler) throw error;
    if (!(await stepUpHandler(error.details))) throw error;
    response = await fetchFile();
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
