import { type SealedColumn, sealedColumn } from '../../platform/crypto/sealed-columns.ts';
import { sourceCredentialsContext } from './commands/manage-sources.ts';
import { listeningSources } from './listening.tables.ts';

/** Listening's sealed values, for `diplodesk keys reseal`. */
export const listeningSealedColumns: SealedColumn[] = [
  sealedColumn({
    name: 'listening_sources.credentials_sealed',
    purpose: 'source-credentials',
    table: listeningSources,
    key: listeningSources.id,
    sealed: listeningSources.credentialsSealed,
    columns: { id: listeningSources.id },
    context: (r) => sourceCredentialsContext(r.id),
  }),
];
