import type { ApiFunction } from '../api-function';
import { merchantRoutes } from '../merchant-routes';
import { moderationRoutes } from '../moderation-routes';

/**
 * The `merchants` function: the participating shops as city staff manage them. Registration,
 * changes and imports of the city's list, their photos, the news and the reviews' moderation.
 */
export const merchantsApi: ApiFunction = {
  name: 'merchants',
  serves: "city staff's participating shops and their pages",
  routes: [...merchantRoutes, ...moderationRoutes],
  ports: ['merchants', 'news', 'reviews', 'shopPhotos', 'media', 'audit'],
};
