import { defineConnector } from '@diplodesk/connector-sdk';
import { createGdeltSource } from './gdelt-source.ts';

export { cameoCountryToIso, fipsToIso } from './country-codes.ts';
export { CAMEO_ROOTS, describeEvent } from './describe-event.ts';
export { EVENT_COLUMNS, parseEventLine, parseEventsExport } from './events-export.ts';
export type { EventsParseResult, GdeltActor, GdeltEvent, GdeltGeo } from './events-export.ts';
export { createGdeltSource, DEFAULT_GDELT_BASE_URL, parseLastUpdate } from './gdelt-source.ts';
export type { GdeltEventItem, GdeltFileReport, GdeltSource } from './gdelt-source.ts';
export { parseGkg, parseGkgLocations, parseV2Tone, toneByDocument } from './gkg.ts';
export type { GkgLocation, GkgRecord, GkgTone } from './gkg.ts';
export { crc32, readSingleFileZip, readZip, ZipError } from './zip.ts';
export type { ZipEntry } from './zip.ts';

export default defineConnector(
  {
    id: 'gdelt',
    name: 'GDELT 2.0',
    capabilities: ['ingest'],
    // Open data: no account. A source picks live or file mode in its own settings.
    auth: 'none',
    env: [
      { key: 'GDELT_BASE_URL', required: false, description: 'Where lastupdate.txt and the batch files live (default http://data.gdeltproject.org/gdeltv2); a mirror works' },
      { key: 'GDELT_MODE', required: false, description: 'live (follow lastupdate.txt, the default) or file (import GDELT_PATH)' },
      { key: 'GDELT_IMPORT_DIR', required: false, description: 'The only folder file mode may read (sources name paths inside it; links out are refused); unset = file mode off' },
      { key: 'GDELT_PATH', required: false, description: 'Export file or folder inside GDELT_IMPORT_DIR for file mode, when the source does not set its own path (default: the folder itself)' },
      { key: 'GDELT_WITH_GKG', required: false, description: 'true: also fetch each batch’s GKG file (~10 MB zipped) to attach document tone' },
      { key: 'GDELT_MAX_BACKFILL', required: false, description: 'Missed 15-minute batches fetched after downtime (default 8)' },
      { key: 'GDELT_POLL_INTERVAL_MS', required: false, description: 'Wait between polls in stream mode once caught up (default 60000)' },
      { key: 'GDELT_REQUEST_TIMEOUT_MS', required: false, description: 'Download timeout (default 60000)' },
    ],
    docsUrl: 'https://www.gdeltproject.org/data.html#rawdatafiles',
  },
  { ingest: (env, { outbound }) => createGdeltSource(env, outbound) },
);
