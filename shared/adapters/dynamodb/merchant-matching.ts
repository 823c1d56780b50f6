import type { TableClient } from './client/commands';
import type { MatchOutcome, ShopClues } from '../../domain/matching';
import type { MerchantStore } from '../../ports';
import { LiveMerchantIndex, type LiveIndexOptions } from '../../merchants/match-index';
import { DynamoMerchantDirectory } from './merchants';

/** The shops' directory in the table with the matching of a receipt's clues, through an index kept per container. */
export class DynamoMerchantStore extends DynamoMerchantDirectory implements MerchantStore {
  private live: LiveMerchantIndex | undefined;

  constructor(
    doc: TableClient,
    table: string,
    private readonly indexOptions: LiveIndexOptions = {},
  ) {
    super(doc, table);
  }

  match(clues: ShopClues): Promise<MatchOutcome> {
    this.live ??= new LiveMerchantIndex(this, this.indexOptions);
    return this.live.match(clues);
  }
}
