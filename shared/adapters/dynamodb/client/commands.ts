import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/*
 * The table's operations as the adapters write them: one command object per call, with the
 * document client's shapes (plain JavaScript values, not attribute values). The types are the AWS
 * SDK's (type imports only: nothing of the SDK is loaded); the commands are this project's, sent by
 * a TableClient: the functions' own signed HTTP client (./http.ts), or the SDK's document client for
 * the tools that want its middleware (./sdk.ts).
 */

type Without$metadata<T> = Omit<T, '$metadata'>;

export interface TableOperations {
  GetItem: [GetCommandInput, Without$metadata<GetCommandOutput>];
  PutItem: [PutCommandInput, Without$metadata<PutCommandOutput>];
  UpdateItem: [UpdateCommandInput, Without$metadata<UpdateCommandOutput>];
  DeleteItem: [DeleteCommandInput, Without$metadata<DeleteCommandOutput>];
  Query: [QueryCommandInput, Without$metadata<QueryCommandOutput>];
  Scan: [ScanCommandInput, Without$metadata<ScanCommandOutput>];
  BatchGetItem: [BatchGetCommandInput, Without$metadata<BatchGetCommandOutput>];
  BatchWriteItem: [BatchWriteCommandInput, Without$metadata<BatchWriteCommandOutput>];
  TransactWriteItems: [TransactWriteCommandInput, Without$metadata<TransactWriteCommandOutput>];
}
export type TableOperation = keyof TableOperations;

export interface TableCommand<Op extends TableOperation = TableOperation> {
  readonly operation: Op;
  readonly input: TableOperations[Op][0];
}

/** What sends the table's commands. */
export interface TableClient {
  send<Op extends TableOperation>(command: TableCommand<Op>): Promise<TableOperations[Op][1]>;
}

export class GetCommand implements TableCommand<'GetItem'> {
  readonly operation = 'GetItem';
  constructor(readonly input: GetCommandInput) {}
}
export class PutCommand implements TableCommand<'PutItem'> {
  readonly operation = 'PutItem';
  constructor(readonly input: PutCommandInput) {}
}
export class UpdateCommand implements TableCommand<'UpdateItem'> {
  readonly operation = 'UpdateItem';
  constructor(readonly input: UpdateCommandInput) {}
}
export class DeleteCommand implements TableCommand<'DeleteItem'> {
  readonly operation = 'DeleteItem';
  constructor(readonly input: DeleteCommandInput) {}
}
export class QueryCommand implements TableCommand<'Query'> {
  readonly operation = 'Query';
  constructor(readonly input: QueryCommandInput) {}
}
export class ScanCommand implements TableCommand<'Scan'> {
  readonly operation = 'Scan';
  constructor(readonly input: ScanCommandInput) {}
}
export class BatchGetCommand implements TableCommand<'BatchGetItem'> {
  readonly operation = 'BatchGetItem';
  constructor(readonly input: BatchGetCommandInput) {}
}
export class BatchWriteCommand implements TableCommand<'BatchWriteItem'> {
  readonly operation = 'BatchWriteItem';
  constructor(readonly input: BatchWriteCommandInput) {}
}
export class TransactWriteCommand implements TableCommand<'TransactWriteItems'> {
  readonly operation = 'TransactWriteItems';
  constructor(readonly input: TransactWriteCommandInput) {}
}

export type { QueryCommandInput, TransactWriteCommandInput, UpdateCommandInput, PutCommandInput, GetCommandInput, BatchWriteCommandInput };

