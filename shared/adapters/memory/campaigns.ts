import type { Campaign } from '../../domain/campaign';
import type { CampaignStore, Page } from '../../ports';
import { ConditionFailedError, copy, pageOf, sortedBy } from './cursor';
import { MemoryTables } from './tables';

/** Campaigns in memory: created once, drafts replaced while drafts, status moves from an expected status. */
export class MemoryCampaignStore implements CampaignStore {
  constructor(readonly tables: MemoryTables = new MemoryTables()) {}

  async create(campaign: Campaign): Promise<void> {
    if (this.tables.campaigns.has(campaign.campaignId)) throw new ConditionFailedError(`campaign ${campaign.campaignId} exists`);
    this.tables.campaigns.set(campaign.campaignId, copy(campaign));
  }

  async get(campaignId: string): Promise<Campaign | undefined> {
    const c = this.tables.campaigns.get(campaignId);
    return c ? copy(c) : undefined;
  }

  async list(limit: number, cursor?: string): Promise<Page<Campaign>> {
    const page = pageOf('campaigns', sortedBy(this.tables.campaigns.values(), (c) => `${c.createdAt}#${c.campaignId}`, 'DESC'), 'DESC', limit, cursor);
    return { ...page, items: page.items.map(copy) };
  }

  async listActive(): Promise<Campaign[]> {
    const active = [...this.tables.campaigns.values()].filter((c) => c.status === 'ACTIVE');
    return sortedBy(active, (c) => `${c.createdAt}#${c.campaignId}`).map(({ item }) => copy(item));
  }

  async replaceDraft(campaign: Campaign): Promise<boolean> {
    if (this.tables.campaigns.get(campaign.campaignId)?.status !== 'DRAFT') return false;
    this.tables.campaigns.set(campaign.campaignId, copy(campaign));
    return true;
  }

  async transition(campaignId: string, from: Campaign['status'], to: Campaign['status'], now: Date): Promise<boolean> {
    const c = this.tables.campaigns.get(campaignId);
    if (c?.status !== from) return false;
    Object.assign(c, { status: to, updatedAt: now.toISOString() });
    return true;
  }
}
