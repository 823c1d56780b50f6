import * as z from '../schema';
import { DomainError } from '../domain/errors';
import { MerchantInput, MerchantPatch } from '../domain/merchant';
import * as merchants from '../app/merchants';
import { importMerchantList } from '../app/merchant-import';
import { json, problem } from './problem';
import { header } from './request';
import { DirectoryQuery } from './directory-routes';
import { route, type Route } from './route';
import { ImportReportView, StaffMerchantView, pageOf } from './schemas';

const StaffDirectoryQuery = z.extend(DirectoryQuery, {
  status: z.described(z._default(z.enum(['ACTIVE', 'SUSPENDED']), 'ACTIVE'), { description: 'active shops (default) or suspended ones' }),
});

const ImportQuery = z.object({ format: z.described(z.optional(z.enum(['sirene', 'plain'])), { description: 'detected from the header when left out' }) });

const MERCHANT_EXAMPLE = {
  name: 'Boulangerie du Marché',
  siret: '73282932000074',
  address: { street: '12 place du Marché', postcode: '37410', city: 'Montclair-sur-Loire' },
  category: 'Boulangerie',
  tags: ['centre-ville'],
};

/** The participating shops as city staff manage them: registration, changes and imports. */
export const merchantRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/v1/admin/merchants',
    access: 'admin',
    operationId: 'createMerchant',
    tag: 'Shops',
    summary: 'Register a participating shop',
    body: MerchantInput,
    bodyExample: MERCHANT_EXAMPLE,
    success: { status: 201, schema: z.object({ merchantId: z.string() }) },
    problems: { 409: ['MERCHANT_EXISTS'] },
    audit: { target: 'merchant', createdId: (a) => a.merchantId },
    handle: async (ctx, { body }) => json(201, await merchants.createMerchant(ctx, body)),
 }),
  route({
    method: 'POST',
    path: '/v1/admin/merchants/import',
    access: 'admin',
    operationId: 'importMerchants',
    tag: 'Shops',
    summary: 'Import the city’s shops from a CSV file',
    description:
      'An INSEE SIRENE establishment extract or a plain `name,siret,street,postcode,city,category,tags` file, upserted by SIRET. ' +
      'Within the API’s body limit (a few thousand rows); larger files go through `npx cabas merchants import`.',
    rawBody: { contentType: 'text/csv', description: 'the CSV file, comma or semicolon separated, with its header' },
    query: ImportQuery,
    success: { status: 200, schema: ImportReportView },
    problems: { 400: ['EMPTY_CSV', 'INVALID_CSV_HEADER'], 415: ['UNSUPPORTED_MEDIA_TYPE'] },
    audit: {
      target: 'merchant',
      input: ({ query, event }) => ({ format: query.format ?? 'detected', bytes: event.body?.length ?? 0 }),
      outcome: (r) => ({ rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, skipped: r.skippedCount, rejected: r.rejectedCount }),
 },
    handle: async (ctx, { event, query }) => {
      const type = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv') return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the list as text/csv (SIRENE establishments or name,siret,street,postcode,city,category,tags).');
      const body = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body) : '';
      if (body.length === 0) throw new DomainError('EMPTY_CSV', 'The CSV file is empty.');
      return json(200, await importMerchantList(ctx, body, query.format));
 },
 }),
  route({
    method: 'GET',
    path: '/v1/admin/merchants',
    access: 'admin',
    operationId: 'listMerchantsForStaff',
    tag: 'Shops',
    summary: 'The shops with every field, active or suspended, filtered',
    description: 'The same filters as the public directory, plus `status`. A page may hold fewer than `limit` shops before the end.',
    query: StaffDirectoryQuery,
    paged: true,
    success: { status: 200, schema: pageOf(StaffMerchantView) },
    handle: async (ctx, { query }) => {
      const { limit, cursor, ...filter } = query;
      return json(200, await merchants.listMerchantsForStaff(ctx, filter, limit, cursor));
 },
 }),
  route({
    method: 'GET',
    path: '/v1/admin/merchants/{id}',
    access: 'admin',
    operationId: 'getMerchantForStaff',
    tag: 'Shops',
    summary: 'A shop with every field, suspended ones too',
    success: { status: 200, schema: StaffMerchantView },
    problems: { 404: ['MERCHANT_NOT_FOUND'] },
    handle: async (ctx, { params }) => json(200, await merchants.getMerchantForStaff(ctx, params.id!)),
 }),
  route({
    method: 'PATCH',
    path: '/v1/admin/merchants/{id}',
    access: 'admin',
    operationId: 'updateMerchant',
    tag: 'Shops',
    summary: 'Edit a shop, suspend or reactivate it',
    description: 'Any field but the SIRET; `null` clears an optional field; `{ "status": "SUSPENDED", "statusReason": "..." }` suspends.',
    body: MerchantPatch,
    bodyExample: { status: 'SUSPENDED', statusReason: 'Fermeture pour travaux' },
    success: { status: 200, schema: StaffMerchantView },
    problems: { 404: ['MERCHANT_NOT_FOUND'], 409: ['MERCHANT_CHANGED'] },
    audit: { target: 'merchant' },
    handle: async (ctx, { params, body }) => json(200, await merchants.updateMerchant(ctx, params.id!, body)),
 }),
];
