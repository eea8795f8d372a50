export { newId as newIdFor } from './columns.ts';
export * from './client.ts';
