import { z } from 'zod';
import { stripBidiControls } from './safe-text.ts';

export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });

/** IANA time zone name, checked against the runtime's zone database. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');

// NUL and other C0 control characters (tab and newlines aside) are never legitimate in names or
// text fields, and PostgreSQL refuses NUL outright: reject them as a validation error.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// Half of a UTF-16 surrogate pair on its own is no character: JSON.stringify writes it as a \ud800
// escape, which PostgreSQL's jsonb refuses (the audit entry of the change would fail with a 500).
// With the u flag a well-formed pair is one code point and does not match; a lone half does.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/** Does any string in this JSON value (keys included) hold half a surrogate pair? */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return loneSurrogate.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => loneSurrogate.test(k) || hasLoneSurrogate(v));
  return false;
}

/** A trimmed line of text for names and labels. */
export const plainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !controlChars.test(v), 'Must not contain control characters')
    .refine((v) => !loneSurrogate.test(v), 'Must be well-formed Unicode text');

/** A person's name: plain text without bidi controls, which a name never needs and a spoof does. */
export const personName = (min: number, max: number) => z.string().transform(stripBidiControls).pipe(plainText(min, max));

export const uiLocale = z.enum(['en', 'id']);
export type UiLocale = z.infer<typeof uiLocale>;

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const okBody = z.object({ ok: z.literal(true) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** `policies` sent with every resource: the actions the caller may take on it. */
export const policies = z.record(z.string(), z.boolean());
export type Policies = z.infer<typeof policies>;
