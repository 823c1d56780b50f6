/**
 * Generated from docs/openapi.json by web/scripts/openapi-types.ts (npm run build:web).
 * Do not edit: change the route table (shared/http), run `npm run openapi`, then `npm run build:web`.
 */

export interface paths {
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: answers once every part is ready
         * @description **Who:** Anyone, no token.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller’s receipts, newest first
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listMyReceipts"];
        put?: never;
        /**
         * Announce a receipt and get a presigned URL to upload its image
         * @description JPEG, PNG or a one-page PDF, at most 10 MB. PUT the bytes to `upload.url` with `upload.headers`; the receipt is then read, matched and credited by itself.
         *
         *     **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        post: operations["createReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One receipt: its status, what was read, what it paid or why it was refused
         * @description Its owner or city staff; anyone else is told it does not exist.
         *
         *     **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        get: operations["getReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller’s wallet
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/wallet/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller’s ledger movements, newest first
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listWalletTransfers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/payout-account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller’s payout account, IBAN masked
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        get: operations["getPayoutAccount"];
        /**
         * Record the account the caller is paid on
         * @description A SEPA IBAN (checked: SEPA country, national format, ISO 13616 check digits, national check digits such as the French RIB key) and the holder’s name.
         *
         *     **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        put: operations["setPayoutAccount"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/household": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller’s household, if any
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        get: operations["getHousehold"];
        put?: never;
        /**
         * Found a household; its code is shared with the other members
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        post: operations["createHousehold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/household/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a household with its code
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        post: operations["joinHousehold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything Cabas holds about the caller, in one JSON document
         * @description Receipts with what was read and decided (photos through links that live 15 minutes), the wallet and every movement, the payout account (IBAN in full), payouts, household, cap counters. Nothing about another resident; staff are named “[services de la ville]”.
         *
         *     **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        get: operations["exportMyData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase the caller’s personal data
         * @description Photos and payout account deleted, household left, receipts’ personal data erased; the receipts’ amounts and the wallet’s transfers stay under a pseudonym that nothing links back to the resident, so the city’s accounts still balance. A balance still owed is given up: ask for a payout first. Refused while a payout is in flight. Idempotent: `IN_PROGRESS` asks to call again.
         *
         *     **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        delete: operations["eraseMe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The participating shops (public directory)
         * @description Active shops only, by name; filters combine. A page may hold fewer than `limit` shops before the end.
         *
         *     **Who:** Anyone, no token.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listMerchants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One participating shop, as residents see it
         * @description **Who:** Anyone, no token.
         */
        get: operations["getMerchant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The operations running now (public)
         * @description Active campaigns whose dates include today, ending soonest first: what each pays back, at which shops and until when.
         *
         *     **Who:** Anyone, no token.
         */
        get: operations["listRunningCampaigns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The news of the programme and its shops, newest first
         * @description Posts past their end date are left out, as are posts about a shop that no longer takes part.
         *
         *     **Who:** Anyone, no token.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listNews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shop’s news, newest first
         * @description **Who:** Anyone, no token.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listMerchantNews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shop’s reviews: average, count, and the reviews newest first
         * @description Only reviews by residents with a credited purchase at the shop exist; hidden ones are left out of the list, the average and the count. Signed with the name each author chose, never an id.
         *
         *     **Who:** Anyone, no token.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listMerchantReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/reviews/mine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One’s own review of a shop, with its moderation
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        get: operations["getMyReview"];
        /**
         * Write or edit one’s review of a shop
         * @description Only with a credited purchase at the shop (403 `NOT_A_CUSTOMER` otherwise); one review per shop, edited by sending it again. `displayName` is shown publicly: a first name or initials, no e-mail address, no digits, 30 characters at most. An edit keeps the shop’s reply and any moderation.
         *
         *     **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        put: operations["putMyReview"];
        post?: never;
        /**
         * Withdraw one’s review of a shop
         * @description **Who:** A signed-in resident (any valid token; `sub` is the resident).
         */
        delete: operations["deleteMyReview"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shop’s photos, in the order its staff chose, with their renditions and alt texts
         * @description Only processed photos: JPEG renditions without metadata, served by the site at `/media/…`.
         *
         *     **Who:** Anyone, no token.
         */
        get: operations["listMerchantPhotos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One’s own shop: its page, status and reviews’ average
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        get: operations["getOwnShop"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/showcase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace what one’s shop page says: description, hours, contact, portrait
         * @description The whole showcase is replaced; the photo links stay as city staff set them.
         *
         *     **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        put: operations["putOwnShowcase"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One’s shop’s news posts, expired ones too, newest first
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listOwnNews"];
        put?: never;
        /**
         * Post news about one’s shop
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        post: operations["createOwnNews"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/news/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a news post of one’s shop
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        delete: operations["deleteOwnNews"];
        options?: never;
        head?: never;
        /**
         * Edit a news post of one’s shop
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        patch: operations["updateOwnNews"];
        trace?: never;
    };
    "/v1/shops/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every review of one’s shop, hidden ones with their reason, newest first
         * @description Signed with the name each author chose: a shop never learns who its reviewers are.
         *
         *     **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listOwnReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/reviews/{itemId}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Reply beneath a review of one’s shop (or change the reply)
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        put: operations["replyToReview"];
        post?: never;
        /**
         * Remove one’s reply beneath a review
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        delete: operations["deleteReplyToReview"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One’s shop’s figures: new and returning customers, sales and cashback through the programme
         * @description Counts only: no resident is named. A period is served in whole ISO weeks (see `GET /v1/admin/figures`).
         *
         *     **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        get: operations["getOwnFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The photos of one’s shop, in order, with their status
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        get: operations["listOwnPhotos"];
        put?: never;
        /**
         * Ask for an upload slot for a photo of one’s shop
         * @description JPEG or PNG, at most 8 MB and 40 megapixels, at least 200 px a side, and 12 photos a shop (shown or on their way; 409 `PHOTO_LIMIT_REACHED`). PUT the bytes to `upload.url` with `upload.headers`; the photo is then checked on its bytes, turned into JPEG renditions 480 and 1200 px wide without any metadata (EXIF, GPS position), and shown: follow its `status` (READY, or REFUSED with a `refusal.code`). `altText`, in French, says what the photo shows.
         *
         *     **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        post: operations["announceOwnPhoto"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/photos/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Reorder the photos of one’s shop
         * @description Every photo id of the shop, each once, in the order to show them (400 `INVALID_PHOTO_ORDER` otherwise).
         *
         *     **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        put: operations["reorderOwnPhotos"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shops/{id}/photos/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A photo of one’s shop: its status, its renditions once READY, its refusal
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        get: operations["getOwnPhoto"];
        put?: never;
        post?: never;
        /**
         * Remove a photo of one’s shop (its files are deleted)
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        delete: operations["deleteOwnPhoto"];
        options?: never;
        head?: never;
        /**
         * Change the alt text of a photo of one’s shop
         * @description **Who:** A shop’s staff, on their own shop only: a token whose `cognito:groups` claim holds `merchant` and `merchant:<merchantId>`, that shop being the path’s `{id}`.
         */
        patch: operations["updateOwnPhoto"];
        trace?: never;
    };
    "/v1/admin/receipts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything about a receipt: extraction, decision with the trace of every rule, review, image link
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getReceiptForStaff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One resident’s receipts, newest first (to find a receipt by resident)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listReceiptsOfResident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Receipts waiting for a decision, oldest first
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/receipts/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve (optionally correcting shop, total, date) or reject a receipt in review
         * @description Approving with a shop teaches it the sign that was read (unless `teachAlias` is false).
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["decideReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The staff audit trail, newest first
         * @description Every staff action (campaign and money moves, shop changes, review decisions, payouts) and every look at residents’ data (a receipt, the review queue, a payout file), with who, when, the target and the fields before and after. Append-only: nothing here can be changed or removed through the API.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The shops with every field, active or suspended, filtered
         * @description The same filters as the public directory, plus `status`. A page may hold fewer than `limit` shops before the end.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listMerchantsForStaff"];
        put?: never;
        /**
         * Register a participating shop
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["createMerchant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import the city’s shops from a CSV file
         * @description An INSEE SIRENE establishment extract or a plain `name,siret,street,postcode,city,category,tags` file, upserted by SIRET. Within the API’s body limit (a few thousand rows); larger files go through `npx cabas merchants import`.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["importMerchants"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shop with every field, suspended ones too
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getMerchantForStaff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a shop, suspend or reactivate it
         * @description Any field but the SIRET; `null` clears an optional field; `{ "status": "SUSPENDED", "statusReason": "..." }` suspends.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        patch: operations["updateMerchant"];
        trace?: never;
    };
    "/v1/admin/news": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every news post, expired ones too, newest first
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listNewsForStaff"];
        put?: never;
        /**
         * Post news for a shop or for the whole programme
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["createNews"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/news/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a news post
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        delete: operations["deleteNews"];
        options?: never;
        head?: never;
        /**
         * Edit a news post
         * @description `endsOn: null` shows the post until it is deleted.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        patch: operations["updateNews"];
        trace?: never;
    };
    "/v1/admin/merchants/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every review of a shop, hidden ones with their reason, newest first
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listReviewsForStaff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/reviews/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hide a review from the shop’s page, with a reason
         * @description The reason is shown to the review’s author and to the shop’s staff. Hiding again replaces the reason.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["hideReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/reviews/{id}/unhide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Show a hidden review again
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["unhideReview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants/{id}/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The photos of a shop, in order, with their status
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["listShopPhotos"];
        put?: never;
        /**
         * Ask for an upload slot for a photo of a shop
         * @description JPEG or PNG, at most 8 MB and 40 megapixels, at least 200 px a side, and 12 photos a shop (shown or on their way; 409 `PHOTO_LIMIT_REACHED`). PUT the bytes to `upload.url` with `upload.headers`; the photo is then checked on its bytes, turned into JPEG renditions 480 and 1200 px wide without any metadata (EXIF, GPS position), and shown: follow its `status` (READY, or REFUSED with a `refusal.code`). `altText`, in French, says what the photo shows.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["announceShopPhoto"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants/{id}/photos/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Reorder the photos of a shop
         * @description Every photo id of the shop, each once, in the order to show them (400 `INVALID_PHOTO_ORDER` otherwise).
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        put: operations["reorderShopPhotos"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants/{id}/photos/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A photo of a shop: its status, its renditions once READY, its refusal
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getShopPhoto"];
        put?: never;
        post?: never;
        /**
         * Remove a photo of a shop (its files are deleted)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        delete: operations["deleteShopPhoto"];
        options?: never;
        head?: never;
        /**
         * Change the alt text of a photo of a shop
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        patch: operations["updateShopPhoto"];
        trace?: never;
    };
    "/v1/admin/residents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find a counter resident by reference, or list them all, newest first
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listCounterResidents"];
        put?: never;
        /**
         * Register a resident who has no smartphone, at the counter
         * @description The resident gets an id of the system’s own (`guichet-…`). A reference is held by one resident only: a second registration with it is 409 `COUNTER_REFERENCE_TAKEN`.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["registerCounterResident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/residents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A counter resident: registration, wallet, payout account (IBAN masked)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getCounterResident"];
        put?: never;
        post?: never;
        /**
         * Erase a counter resident’s personal data (their right to erasure)
         * @description The resident’s `DELETE /v1/me` (refused 409 `PAYOUT_IN_FLIGHT` while a payout is in flight; `IN_PROGRESS` asks to call again), then the registration itself is deleted and its reference freed. Afterwards the id is unknown (404).
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        delete: operations["eraseCounterResident"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/residents/{id}/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a receipt on a counter resident’s behalf
         * @description As the resident’s own `POST /v1/receipts` (same file checks, same limits per resident): PUT the bytes to `upload.url` with `upload.headers`, then follow it with `GET /v1/receipts/{id}`. The receipt is the resident’s, marked as sent at the counter by the caller.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["sendReceiptAtCounter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/residents/{id}/payout-account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Record the account a counter resident is paid on
         * @description Checked as `PUT /v1/me/payout-account`: a bad IBAN is 400 `INVALID_IBAN`. The audit trail records that it changed, never the IBAN.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        put: operations["setCounterPayoutAccount"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/residents/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything the one-page statement of a counter resident’s wallet shows
         * @description Balances, receipts counted by status with the cashback credited, the 20 newest receipts and the 12 newest payouts: what fits on one printed page.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["counterStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/residents/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything held about a counter resident (their right of access), with their registration
         * @description The resident’s `GET /v1/me/export`, for staff to hand over; staff are named “[services de la ville]”.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["exportCounterResident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every campaign, whatever its status, newest first
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listCampaigns"];
        put?: never;
        /**
         * Create a campaign (a draft)
         * @description `kind` is CASHBACK (default), GIFT_ALLOWANCE, WELCOME_BONUS or LOYALTY (`merchantId`, `bonusCents`, `everyNth`, `period`: a bonus paid by the shop on every Nth purchase of the period) or PARKING (`refundMaxCents`, `carParks`, `minPurchaseCents`, `decideWithinHours`: a parking ticket refunded with a purchase the same day); each kind needs and refuses some fields, and every problem is listed in one answer. `merchants` selects the shops: all, by tags, by ids, or those inside a drawn `zone` (GeoJSON Polygon or MultiPolygon).
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["createCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A campaign and its rules
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getCampaign"];
        /**
         * Replace a draft’s rules (same body as the creation)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        put: operations["updateDraftCampaign"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a draft: its budget moves from the funder’s account in the same transaction
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["activateCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Budget, cashback paid, sales carried and receipts of a campaign
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["campaignStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause: nothing new is credited; the budget stays
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["pauseCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused campaign
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["resumeCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/top-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * More budget from the funder (idempotent on `reference`)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["topUpCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a campaign: what it has not paid goes back to its funder
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["closeCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/campaigns/{id}/ledger.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every movement of the campaign’s budget, for the accountant
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["campaignLedgerCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/merchants/{id}/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a shop’s payment for its welcome bonuses (idempotent on `reference`)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["depositMerchantFunds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/receipts/{id}/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a credited cashback back (fraud found later)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["reverseReceipt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/ledger/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prove the ledger’s invariants from what is stored
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["reconcileLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/figures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dotation’s impact: money, sales, leverage, new and returning customers, week by week
         * @description Read from counters kept in the ledger’s own transactions (a few requests whatever the number of receipts). Credited figures are bucketed by the ISO week of the purchase date, refused and in-review receipts by the week of upload (Europe/Paris); a period is served in whole ISO weeks. A new customer of a shop is a resident whose first credited purchase there falls in the period, a returning customer one whose second does; a reversal takes a receipt out of every figure.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getFigures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/figures/shops.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The figures per shop, as CSV
         * @description The same filters as `GET /v1/admin/figures`; amounts in euros.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getFiguresShopsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/figures/weekly.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The figures week by week, as CSV
         * @description The same filters as `GET /v1/admin/figures`; amounts in euros.
         *
         *     **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["getFiguresWeeklyCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payout batches, newest first
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         *
         *     **Paged:** `?limit=&cursor=`, answers `{ items, nextCursor }`.
         */
        get: operations["listPayouts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the payout job now (the month’s batch, or null when no wallet is due)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["runPayouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The batch’s SEPA credit transfer file (pain.001.001.09)
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["payoutFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts/{id}/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The batch as CSV, for the accountant
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        get: operations["payoutCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts/{id}/settle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The bank executed the batch: its pending transfers are posted
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["settlePayout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/payouts/{id}/items/{itemId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The bank returned one transfer: its money goes back to the wallet
         * @description **Who:** City staff: a token whose `cognito:groups` claim holds `admin`.
         */
        post: operations["rejectPayoutItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Receipt: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            receiptId: string;
            status: components["schemas"]["ReceiptStatus"];
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            updatedAt: string;
            merchant?: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                merchantId: string;
                name: string;
            };
            /**
             * @description local date in Europe/Paris, YYYY-MM-DD
             * @example 2026-12-02
             */
            purchaseDate?: string;
            totalCents?: number;
            cashbackCents?: number;
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            campaignId?: string;
            /** @description what each operation paid, on a credited receipt */
            credits?: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                campaignId: string;
                name: string | null;
                amountCents: number;
            }[];
            /** @description each loyalty reward that counted this credited purchase: its position, its bonus or why it was not paid */
            loyalty?: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                campaignId: string;
                /** @description the purchase among the resident’s credited purchases at the shop in the period */
                position: number;
                everyNth: number;
                /** @enum {string} */
                outcome: "COUNTED" | "PAID" | "UNFUNDED" | "PURCHASE_COVERED";
                bonusCents: number;
                /**
                 * @description in French, for the resident
                 * @example Fidélité : 3e achat sur 5 ce trimestre
                 */
                message: string;
            }[];
            rejection?: components["schemas"]["Rejection"];
            /** @description a parking ticket (free parking with a purchase) still PROCESSING, waiting for a credited purchase the same day */
            waiting?: {
                /** @constant */
                for: "PURCHASE";
                /**
                 * @description when it stops waiting: refused then if no purchase validates it
                 * @example 2026-12-03T09:41:00.000Z
                 */
                until: string;
                /** @example En attente d’un achat chez un commerçant participant le même jour */
                message: string;
            };
        };
        /** @enum {string} */
        ReceiptStatus: "AWAITING_UPLOAD" | "PROCESSING" | "IN_REVIEW" | "CREDITED" | "REJECTED";
        Rejection: {
            /** @enum {string} */
            code: "UNSUPPORTED_FILE" | "TOO_LARGE" | "UNREADABLE" | "DUPLICATE_IMAGE" | "DUPLICATE_RECEIPT" | "MERCHANT_NOT_FOUND" | "MERCHANT_NOT_ELIGIBLE" | "NO_ACTIVE_CAMPAIGN" | "OUTSIDE_CAMPAIGN_PERIOD" | "RECEIPT_TOO_OLD" | "FUTURE_DATE" | "BELOW_MINIMUM" | "CAP_REACHED" | "BUDGET_EXHAUSTED" | "WELCOME_BONUS_USED" | "LOYALTY_NOT_DUE" | "CAR_PARK_NOT_ELIGIBLE" | "NO_QUALIFYING_PURCHASE" | "PARKING_FINE" | "REJECTED_BY_REVIEWER" | "WITHDRAWN";
            /**
             * @description in French, for the resident
             * @example Ce commerce ne participe pas à l’opération.
             */
            message: string;
        };
        ResidentExport: {
            /** @constant */
            format: "cabas.resident-export/1";
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            exportedAt: string;
            residentId: string;
            /**
             * @description when the photo links stop working: ask for a new export after that
             * @example 2026-12-03T09:41:00.000Z
             */
            linksExpireAt: string;
            receipts: ({
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                receiptId: string;
                status: components["schemas"]["ReceiptStatus"];
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                createdAt: string;
                /** @description a short-lived link to the photo as read; null once deleted */
                image: {
                    url: string;
                    /**
                     * @description ISO 8601 instant, UTC
                     * @example 2026-12-03T09:41:00.000Z
                     */
                    expiresAt: string;
                } | null;
            } & {
                [key: string]: unknown;
            })[];
            wallet: {
                accountId: string;
                balanceCents: number;
                pendingPayoutCents: number;
                paidOutCents: number;
                /** @constant */
                currency: "EUR";
                /** @description every movement, newest first */
                movements: ({
                    transferId: string;
                    amountCents: number;
                    /**
                     * @description ISO 8601 instant, UTC
                     * @example 2026-12-03T09:41:00.000Z
                     */
                    createdAt: string;
                } & {
                    [key: string]: unknown;
                })[];
            } | null;
            payoutAccount: {
                /** @description in full: it is the resident’s own */
                iban: string;
                holderName: string;
                bic?: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                updatedAt: string;
            } | null;
            payouts: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                payoutId: string;
                period: string;
                /**
                 * @description local date in Europe/Paris, YYYY-MM-DD
                 * @example 2026-12-02
                 */
                requestedExecutionDate: string;
                itemId: string;
                amountCents: number;
                status: string;
                creditor: {
                    name: string;
                    iban: string;
                    bic?: string;
                };
                voidReason?: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                updatedAt: string;
            }[];
            household: {
                householdId: string;
                joinCode: string | null;
                memberCount: number;
                maxMembers: number;
            } | null;
            capCounters: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                campaignId: string;
                windowKey: string;
                usedCents: number;
            }[];
            /** @description loyalty rewards: the resident’s counted purchases per campaign and period, and how many reached a bonus */
            loyaltyTallies: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                campaignId: string;
                windowKey: string;
                count: number;
                rewarded: number;
            }[];
            /** @description shops where a credited purchase of the resident is recorded */
            customerOf: string[];
            /** @description the resident’s reviews of shops */
            reviews: components["schemas"]["ModeratedReview"][];
            /** @description what else is held, in French */
            notes: string[];
        };
        ModeratedReview: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            reviewId: string;
            rating: number;
            text: string;
            /** @description the first name or initials the author chose */
            displayName: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            editedAt?: string;
            /** @description the shop’s answer, shown beneath the review */
            reply?: {
                text: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                at: string;
            };
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId: string;
            /** @description hidden from the public page by city staff, and why */
            hidden: {
                reason: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                at: string;
            } | null;
        };
        Erasure: {
            /**
             * @description IN_PROGRESS: the call ran out of time; call again to go on
             * @enum {string}
             */
            status: "ERASED" | "IN_PROGRESS";
            receiptsErased: number;
            payoutAccountDeleted: boolean;
            leftHousehold: boolean;
            /** @description the balance owed to the resident at erasure, given up */
            forfeitedCents: number;
            /** @description a debt left by a reversal, written off */
            writtenOffCents: number;
        };
        PublicMerchant: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId: string;
            name: string;
            address: {
                street: string;
                postcode: string;
                city: string;
            };
            category?: string;
            tags: string[];
            coordinates?: {
                lat: number;
                lon: number;
            };
            description?: string;
            openingHours?: string;
            website?: string;
            phone?: string;
            photoUrls?: string[];
            portrait?: components["schemas"]["Portrait"];
        };
        Portrait: {
            trade?: string;
            /** @description the year the shop opened or was taken over */
            since?: number;
            story?: string;
            people?: {
                firstName: string;
                role?: string;
                since?: number;
            }[];
            products?: string[];
            services?: string[];
        };
        PublicCampaign: {
            campaignId: string;
            name: string;
            /** @enum {string} */
            kind: "CASHBACK" | "GIFT_ALLOWANCE" | "WELCOME_BONUS" | "LOYALTY" | "PARKING";
            /** @description local date, YYYY-MM-DD */
            startsOn: string;
            /** @description local date, YYYY-MM-DD */
            endsOn: string;
            /** @description share of the purchase paid back, in basis points (1000 = 10 %) */
            rateBps?: number;
            maxCashbackPerReceiptCents?: number;
            minPurchaseCents?: number;
            perResidentCap?: {
                amountCents: number;
                /** @enum {string} */
                period: "DAY" | "WEEK" | "MONTH" | "CAMPAIGN";
            };
            perResidentPurchaseCap?: {
                amountCents: number;
                /** @enum {string} */
                period: "DAY" | "WEEK" | "MONTH" | "CAMPAIGN";
            };
            allowance?: {
                amountCents: number;
                /** @enum {string} */
                per: "RESIDENT" | "HOUSEHOLD";
            };
            bonusCents?: number;
            /** @description loyalty reward: the bonus is paid on every Nth purchase of the period */
            everyNth?: number;
            /**
             * @description loyalty reward: the calendar period purchases are counted in
             * @enum {string}
             */
            period?: "MONTH" | "QUARTER" | "YEAR" | "CAMPAIGN";
            /** @description free parking: the most a parking ticket is refunded */
            refundMaxCents?: number;
            /** @description free parking: the car parks (registered places by tag or id) and operators taking part */
            carParks?: {
                tags?: string[];
                ids?: string[];
                operators?: string[];
            };
            /** @description free parking: hours after the day ends a ticket waits for its purchase */
            decideWithinHours?: number;
            /** @description which shops the campaign pays at */
            merchants: {
                all?: boolean;
                tags?: string[];
                /** @description the shops taking part (welcome bonus, loyalty reward: its shop) */
                ids?: string[];
                /** @description the shops inside a zone drawn by the city */
                zone?: boolean;
            };
            schedule?: {
                days?: string[];
                from?: string;
                to?: string;
            };
        };
        News: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            newsId: string;
            title: string;
            body: string;
            /**
             * @description the last day the post is shown
             * @example 2026-12-02
             */
            endsOn?: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            publishedAt: string;
            /**
             * @description the city’s staff or the shop’s
             * @enum {string}
             */
            author: "CITY" | "SHOP";
            /** @description the shop the post is about; null for the whole programme */
            merchant: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                merchantId: string;
                name: string | null;
            } | null;
        };
        ReviewPage: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId: string;
            /** @description visible reviews */
            count: number;
            /**
             * @description the average rating of the visible reviews, one decimal; null without any
             * @example 4.5
             */
            averageRating: number | null;
            items: components["schemas"]["PublicReview"][];
            /** @description opaque; pass it back as `cursor` for the next page, null at the end */
            nextCursor: string | null;
        };
        PublicReview: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            reviewId: string;
            rating: number;
            text: string;
            /** @description the first name or initials the author chose */
            displayName: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            editedAt?: string;
            /** @description the shop’s answer, shown beneath the review */
            reply?: {
                text: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                at: string;
            };
        };
        ShopPhoto: {
            /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
            photoId: string;
            /** @description the text read out in place of the photo (French) */
            alt: string;
            /** @description the largest rendition */
            url: string;
            width: number;
            height: number;
            /** @description JPEG renditions, narrowest first: the `srcset` of the photo */
            renditions: {
                /**
                 * @description relative to the site (served at `/media/…` by the site itself)
                 * @example /media/shops/m-1/0f6d1c3e-480.jpg
                 */
                url: string;
                width: number;
                height: number;
            }[];
        };
        OwnShop: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId: string;
            name: string;
            address: {
                street: string;
                postcode: string;
                city: string;
            };
            category?: string;
            tags: string[];
            coordinates?: {
                lat: number;
                lon: number;
            };
            description?: string;
            openingHours?: string;
            website?: string;
            phone?: string;
            photoUrls?: string[];
            portrait?: components["schemas"]["Portrait"];
            /** @enum {string} */
            status: "ACTIVE" | "SUSPENDED";
            reviews: {
                count: number;
                averageRating: number | null;
            };
        };
        NewsRecord: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            newsId: string;
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId?: string;
            title: string;
            body: string;
            /**
             * @description local date in Europe/Paris, YYYY-MM-DD
             * @example 2026-12-02
             */
            endsOn?: string;
            /** @enum {string} */
            author: "CITY" | "SHOP";
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            publishedAt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            updatedAt: string;
        };
        OwnShopFigures: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId: string;
            period: {
                fromWeek: string | null;
                toWeek: string | null;
                from: string | null;
                to: string | null;
            };
            /** @description residents whose first credited purchase at the shop falls in the period */
            newCustomers: number;
            /** @description residents whose second credited purchase at the shop falls in the period */
            returningCustomers: number;
            creditedReceipts: number;
            /** @description sales through the programme */
            salesCents: number;
            /** @description cashback the programme paid on them */
            cashbackCents: number;
            weekly: {
                week: string;
                /**
                 * @description local date in Europe/Paris, YYYY-MM-DD
                 * @example 2026-12-02
                 */
                from: string;
                /**
                 * @description local date in Europe/Paris, YYYY-MM-DD
                 * @example 2026-12-02
                 */
                to: string;
                newCustomers: number;
                returningCustomers: number;
                creditedReceipts: number;
                salesCents: number;
                cashbackCents: number;
            }[];
        };
        ShopPhotoList: {
            /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
            merchantId: string;
            maxPhotos: number;
            maxBytes: number;
            items: components["schemas"]["ShopPhotoRecord"][];
        };
        ShopPhotoRecord: {
            /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
            photoId: string;
            /**
             * @description READY once processed and shown; REFUSED with the reason
             * @enum {string}
             */
            status: "AWAITING_UPLOAD" | "READY" | "REFUSED";
            alt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            updatedAt: string;
            /** @enum {string} */
            addedBy: "SHOP" | "CITY";
            /** @description once READY */
            photo?: components["schemas"]["ShopPhoto"];
            refusal?: {
                /** @enum {string} */
                code: "UNSUPPORTED_FILE" | "TOO_LARGE" | "TOO_SMALL" | "UNREADABLE";
                /** @description in French, for the uploader */
                message: string;
            };
        };
        StaffReceipt: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            receiptId: string;
            residentId: string;
            status: components["schemas"]["ReceiptStatus"];
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            updatedAt: string;
            /** @description presigned GET, valid 15 minutes */
            imageUrl: string;
            extraction?: {
                engine: string;
                shopSign?: {
                    value: string;
                    confidence: number;
                };
                siret?: {
                    value: string;
                    confidence: number;
                };
                siren?: {
                    value: string;
                    confidence: number;
                };
                vatNumber?: {
                    value: string;
                    confidence: number;
                };
                phone?: {
                    value: string;
                    confidence: number;
                };
                street?: {
                    value: string;
                    confidence: number;
                };
                postcode?: {
                    value: string;
                    confidence: number;
                };
                city?: {
                    value: string;
                    confidence: number;
                };
                purchaseDate?: {
                    value: string;
                    confidence: number;
                };
                purchaseTime?: {
                    value: string;
                    confidence: number;
                };
                totalCents?: {
                    value: number;
                    confidence: number;
                };
                paymentMeans?: {
                    value: string;
                    confidence: number;
                };
                ticketNumber?: {
                    value: string;
                    confidence: number;
                };
                /** @default [] */
                lineItems: {
                    label: string;
                    amountCents: number;
                    quantity?: number;
                }[];
                parking?: {
                    /** @enum {string} */
                    kind: "CAR_PARK" | "ON_STREET";
                    operator?: string;
                    entryAt?: string;
                    exitAt?: string;
                    durationMinutes?: number;
                    amountCents?: number;
                    zone?: string;
                    confidence: number;
                };
                parkingFine?: {
                    /** @constant */
                    value: true;
                    confidence: number;
                };
                confidence: number;
                text?: string;
            };
            /** @description the match decision with the trace of every rule */
            decision?: {
                [key: string]: unknown;
            };
            review?: {
                [key: string]: unknown;
            };
            rejection?: components["schemas"]["Rejection"];
        } & {
            [key: string]: unknown;
        };
        AuditEntry: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            auditId: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            at: string;
            /**
             * @description the staff member (token `sub`)
             * @example agent-martin
             */
            actor: string;
            /**
             * @description the operation, as named in this document
             * @example topUpCampaign
             */
            action: string;
            /** @example POST /v1/admin/campaigns/{id}/top-up */
            route: string;
            target: {
                /** @enum {string} */
                type: "campaign" | "merchant" | "receipt" | "payout" | "ledger" | "resident" | "news" | "review";
                id?: string;
            };
            status: number;
            /** @description what was sent, bank details and OCR text masked */
            input?: unknown;
            /** @description the fields that changed, as they were */
            before?: {
                [key: string]: unknown;
            };
            /** @description the same fields, as they are now */
            after?: {
                [key: string]: unknown;
            };
        };
        StaffMerchant: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            merchantId: string;
            name: string;
            siret: string;
            siren: string;
            address: {
                street: string;
                postcode: string;
                city: string;
            };
            tags: string[];
            aliases: string[];
            /** @enum {string} */
            status: "ACTIVE" | "SUSPENDED";
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
        } & {
            [key: string]: unknown;
        };
        CounterResident: {
            /**
             * @description a counter resident’s id: `guichet-` and a UUID
             * @example guichet-3f6c1d7e-2b1a-4c55-9d0e-7a8b9c0d1e2f
             */
            residentId: string;
            fullName: string;
            /**
             * @description normalised: upper case, without spaces, dots, dashes or slashes
             * @example BM004217
             */
            reference: string;
            email?: string;
            /** @description the staff member who registered the resident */
            registeredBy: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            registeredAt: string;
        };
        CounterErasure: {
            /**
             * @description IN_PROGRESS: the call ran out of time; call again to go on
             * @enum {string}
             */
            status: "ERASED" | "IN_PROGRESS";
            receiptsErased: number;
            payoutAccountDeleted: boolean;
            leftHousehold: boolean;
            /** @description the balance owed to the resident at erasure, given up */
            forfeitedCents: number;
            /** @description a debt left by a reversal, written off */
            writtenOffCents: number;
            /** @description the name, reference and e-mail deleted, the reference freed */
            registrationDeleted: boolean;
        };
        CounterStatement: {
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            statementAt: string;
            resident: {
                /**
                 * @description a counter resident’s id: `guichet-` and a UUID
                 * @example guichet-3f6c1d7e-2b1a-4c55-9d0e-7a8b9c0d1e2f
                 */
                residentId: string;
                fullName: string;
                reference: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                registeredAt: string;
            };
            wallet: {
                balanceCents: number;
                pendingPayoutCents: number;
                paidOutCents: number;
                /** @constant */
                currency: "EUR";
            };
            payoutAccount: {
                /** @description masked */
                iban: string;
                holderName: string;
            } | null;
            totals: {
                receipts: number;
                credited: number;
                /** @description awaiting upload, being read or in review */
                inProgress: number;
                rejected: number;
                /** @description cashback of every credited receipt */
                creditedCents: number;
            };
            /** @description the newest receipts, at most 20 */
            receipts: {
                receiptId: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                createdAt: string;
                status: components["schemas"]["ReceiptStatus"];
                merchantName?: string;
                purchaseDate?: string;
                totalCents?: number;
                cashbackCents?: number;
                rejection?: components["schemas"]["Rejection"];
                sentAtCounter: boolean;
            }[];
            /** @description older receipts are counted in `totals` but not listed */
            moreReceipts: boolean;
            /** @description newest first, at most 12 */
            payouts: {
                payoutId: string;
                period: string;
                requestedExecutionDate: string;
                amountCents: number;
                status: string;
            }[];
            /** @description older payouts are left out */
            morePayouts: boolean;
        };
        CounterResidentExport: {
            /** @constant */
            format: "cabas.resident-export/1";
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            exportedAt: string;
            residentId: string;
            /**
             * @description when the photo links stop working: ask for a new export after that
             * @example 2026-12-03T09:41:00.000Z
             */
            linksExpireAt: string;
            receipts: ({
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                receiptId: string;
                status: components["schemas"]["ReceiptStatus"];
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                createdAt: string;
                /** @description a short-lived link to the photo as read; null once deleted */
                image: {
                    url: string;
                    /**
                     * @description ISO 8601 instant, UTC
                     * @example 2026-12-03T09:41:00.000Z
                     */
                    expiresAt: string;
                } | null;
            } & {
                [key: string]: unknown;
            })[];
            wallet: {
                accountId: string;
                balanceCents: number;
                pendingPayoutCents: number;
                paidOutCents: number;
                /** @constant */
                currency: "EUR";
                /** @description every movement, newest first */
                movements: ({
                    transferId: string;
                    amountCents: number;
                    /**
                     * @description ISO 8601 instant, UTC
                     * @example 2026-12-03T09:41:00.000Z
                     */
                    createdAt: string;
                } & {
                    [key: string]: unknown;
                })[];
            } | null;
            payoutAccount: {
                /** @description in full: it is the resident’s own */
                iban: string;
                holderName: string;
                bic?: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                updatedAt: string;
            } | null;
            payouts: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                payoutId: string;
                period: string;
                /**
                 * @description local date in Europe/Paris, YYYY-MM-DD
                 * @example 2026-12-02
                 */
                requestedExecutionDate: string;
                itemId: string;
                amountCents: number;
                status: string;
                creditor: {
                    name: string;
                    iban: string;
                    bic?: string;
                };
                voidReason?: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                updatedAt: string;
            }[];
            household: {
                householdId: string;
                joinCode: string | null;
                memberCount: number;
                maxMembers: number;
            } | null;
            capCounters: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                campaignId: string;
                windowKey: string;
                usedCents: number;
            }[];
            /** @description loyalty rewards: the resident’s counted purchases per campaign and period, and how many reached a bonus */
            loyaltyTallies: {
                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                campaignId: string;
                windowKey: string;
                count: number;
                rewarded: number;
            }[];
            /** @description shops where a credited purchase of the resident is recorded */
            customerOf: string[];
            /** @description the resident’s reviews of shops */
            reviews: components["schemas"]["ModeratedReview"][];
            /** @description what else is held, in French */
            notes: string[];
            registration: {
                fullName: string;
                reference: string;
                email?: string;
                /**
                 * @description ISO 8601 instant, UTC
                 * @example 2026-12-03T09:41:00.000Z
                 */
                registeredAt: string;
                registeredBy: string;
            };
        };
        Campaign: {
            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
            campaignId: string;
            /** @enum {string} */
            status: "DRAFT" | "ACTIVE" | "PAUSED" | "CLOSED";
            name: string;
            budgetCents: number;
            /**
             * @description local date in Europe/Paris, YYYY-MM-DD
             * @example 2026-12-02
             */
            startsOn: string;
            /**
             * @description local date in Europe/Paris, YYYY-MM-DD
             * @example 2026-12-02
             */
            endsOn: string;
            /**
             * @description ISO 8601 instant, UTC
             * @example 2026-12-03T09:41:00.000Z
             */
            createdAt: string;
        } & {
            [key: string]: unknown;
        };
        Figures: {
            filter: {
                [key: string]: unknown;
            };
            /** @description the whole ISO weeks served (null: unbounded) */
            period: {
                fromWeek: string | null;
                toWeek: string | null;
                from: string | null;
                to: string | null;
            };
            /** @description the budgets of the campaign asked for, or of every campaign, as of now (not limited by the period or the shops) */
            dotation: {
                campaigns: number;
                fundedCents: number;
                spentCents: number;
                remainingCents: number;
                returnedCents: number;
            };
            totals: {
                /** @description cashback of the credited receipts the filter selects, net of reversals */
                cashbackCents: number;
                /** @description sales carried by those receipts */
                salesCents: number;
                /**
                 * @description sales carried per euro of cashback (2 decimals); null when nothing was paid
                 * @example 6.25
                 */
                leverage: number | null;
                /** @description residents whose first credited purchase falls in the period; null with a tag or zone filter (a resident would be counted once per shop) */
                residentsReached: number | null;
                receipts: {
                    credited: number;
                    refused: number | null;
                    inReview: number | null;
                };
                newCustomers: number;
                returningCustomers: number;
            };
            shops: {
                /** @description active shops selected by the filter (eligible to the campaign, when one is asked for) */
                participating: number;
                withNewCustomers: number;
                withReturningCustomers: number;
                /**
                 * @description a fraction (4 decimals); null with no participating shop
                 * @example 0.6667
                 */
                shareWithNewCustomers: number | null;
                /**
                 * @description a fraction (4 decimals); null with no participating shop
                 * @example 0.6667
                 */
                shareWithReturningCustomers: number | null;
            };
            /** @description every participating shop and every shop with figures, best sales first */
            perShop: {
                merchantId: string;
                name: string | null;
                /** @description residents whose first credited purchase at the shop falls in the period */
                newCustomers: number;
                /** @description residents whose second credited purchase at the shop falls in the period */
                returningCustomers: number;
                creditedReceipts: number;
                cashbackCents: number;
                salesCents: number;
                /**
                 * @description sales carried per euro of cashback (2 decimals); null when nothing was paid
                 * @example 6.25
                 */
                leverage: number | null;
            }[];
            weekly: {
                /**
                 * @description ISO 8601 week
                 * @example 2026-W10
                 */
                week: string;
                /**
                 * @description local date in Europe/Paris, YYYY-MM-DD
                 * @example 2026-03-02
                 */
                from: string;
                /**
                 * @description local date in Europe/Paris, YYYY-MM-DD
                 * @example 2026-03-02
                 */
                to: string;
                cashbackCents: number;
                salesCents: number;
                /**
                 * @description sales carried per euro of cashback (2 decimals); null when nothing was paid
                 * @example 6.25
                 */
                leverage: number | null;
                creditedReceipts: number;
                /** @description by week of upload; null with a shop, tag or zone filter */
                refusedReceipts: number | null;
                /** @description in review now, by week of upload; null with a shop, tag or zone filter */
                inReviewReceipts: number | null;
                newCustomers: number;
                returningCustomers: number;
                /** @description residents whose first credited purchase falls in the week; null with a tag or zone filter (a resident would be counted once per shop) */
                residentsReached: number | null;
                shopsWithNewCustomers: number;
                shopsWithReturningCustomers: number;
            }[];
        };
        Problem: {
            /** @example https://cabas.city/problems/validation-error */
            type: string;
            /** @example Bad Request */
            title: string;
            /** @example 400 */
            status: number;
            /** @example The request body is not valid. */
            detail: string;
            /** @example VALIDATION_ERROR */
            code: string;
            /** @description one entry per invalid field */
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMyReceipts: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Receipt"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contentType": "image/jpeg",
                 *       "contentLength": 482113
                 *     }
                 */
                "application/json": {
                    contentType: string;
                    contentLength: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        receiptId: string;
                        /** @constant */
                        status: "AWAITING_UPLOAD";
                        upload: {
                            /** @constant */
                            method: "PUT";
                            /** @description presigned S3 URL for the image bytes, write-once: a second PUT is refused with 412 (after a lost answer, 412 means the image was sent) */
                            url: string;
                            /** @description headers the PUT must carry, all signed (Content-Type, Content-Length, If-None-Match: *) */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `TOO_LARGE`, `UNSUPPORTED_FILE`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "TOO_LARGE" | "UNSUPPORTED_FILE" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Too many requests: wait for `Retry-After` seconds: `TOO_MANY_RECEIPTS_TODAY`, `TOO_MANY_UPLOADS_IN_FLIGHT` */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TOO_MANY_RECEIPTS_TODAY" | "TOO_MANY_UPLOADS_IN_FLIGHT";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not found: `RECEIPT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RECEIPT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "balanceCents": 1250,
                     *       "pendingPayoutCents": 0,
                     *       "paidOutCents": 3000,
                     *       "currency": "EUR"
                     *     }
                     */
                    "application/json": {
                        balanceCents: number;
                        pendingPayoutCents: number;
                        paidOutCents: number;
                        /** @constant */
                        currency: "EUR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWalletTransfers: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            transferId: string;
                            /** @example CASHBACK */
                            kind: string;
                            /** @description positive into the wallet, negative out of it */
                            amountCents: number;
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            createdAt: string;
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            receiptId?: string;
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            campaignId?: string;
                        }[];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayoutAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description masked
                         * @example FR76 •••• •••• •••• •••• ••89 012
                         */
                        iban: string;
                        holderName: string;
                        bic?: string;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not found: `PAYOUT_ACCOUNT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_ACCOUNT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPayoutAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "iban": "FR76 3000 6000 0112 3456 7890 189",
                 *       "holderName": "Camille Martin"
                 *     }
                 */
                "application/json": {
                    iban: string;
                    holderName: string;
                    bic?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description masked
                         * @example FR76 •••• •••• •••• •••• ••89 012
                         */
                        iban: string;
                        holderName: string;
                        bic?: string;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_IBAN`, `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_IBAN" | "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHousehold: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        householdId: string | null;
                        /** @example K7M2Q9XA4B */
                        joinCode: string | null;
                        memberCount: number;
                        maxMembers: number;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createHousehold: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        householdId: string | null;
                        /** @example K7M2Q9XA4B */
                        joinCode: string | null;
                        memberCount: number;
                        maxMembers: number;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Conflicts with the current state: `HOUSEHOLD_ALREADY_SET`, `HOUSEHOLD_LOCKED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HOUSEHOLD_ALREADY_SET" | "HOUSEHOLD_LOCKED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    joinHousehold: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "joinCode": "K7M2Q9XA4B"
                 *     }
                 */
                "application/json": {
                    joinCode: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        householdId: string | null;
                        /** @example K7M2Q9XA4B */
                        joinCode: string | null;
                        memberCount: number;
                        maxMembers: number;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not found: `HOUSEHOLD_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HOUSEHOLD_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `HOUSEHOLD_ALREADY_SET`, `HOUSEHOLD_FULL`, `HOUSEHOLD_LOCKED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "HOUSEHOLD_ALREADY_SET" | "HOUSEHOLD_FULL" | "HOUSEHOLD_LOCKED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportMyData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResidentExport"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Erasure"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Conflicts with the current state: `PAYOUT_IN_FLIGHT` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_IN_FLIGHT";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchants: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
                /** @description exact category */
                category?: string;
                /** @description one of the shop’s tags */
                tag?: string;
                /** @description words of the name */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PublicMerchant"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMerchant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicMerchant"];
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRunningCampaigns: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PublicCampaign"][];
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNews: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["News"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantNews: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["News"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantReviews: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPage"];
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMyReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeratedReview"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not found: `REVIEW_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putMyReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rating": 5,
                 *       "text": "Accueil chaleureux et conseils précieux.",
                 *       "displayName": "Camille B."
                 *     }
                 */
                "application/json": {
                    /** @example 5 */
                    rating: number;
                    /** @example Accueil chaleureux et conseils précieux. */
                    text: string;
                    /**
                     * @description a first name or initials, shown publicly
                     * @example Camille B.
                     */
                    displayName: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeratedReview"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `NOT_A_CUSTOMER` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NOT_A_CUSTOMER";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `REVIEW_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteMyReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        reviewId: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not found: `REVIEW_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantPhotos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
                        merchantId: string;
                        items: components["schemas"]["ShopPhoto"][];
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnShop: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnShop"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putOwnShowcase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "description": "Boucherie artisanale au cœur du marché couvert.",
                 *       "openingHours": "Tu-Sa 08:00-12:30,15:00-19:00",
                 *       "portrait": {
                 *         "trade": "Boucherie artisanale",
                 *         "since": 2014,
                 *         "people": [
                 *           {
                 *             "firstName": "Thomas",
                 *             "role": "artisan boucher",
                 *             "since": 2013
                 *           }
                 *         ],
                 *         "products": [
                 *           "Viande de race locale",
                 *           "Charcuterie maison"
                 *         ],
                 *         "services": [
                 *           "Commande par téléphone"
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    description?: string;
                    openingHours?: string;
                    /** Format: uri */
                    website?: string;
                    phone?: string;
                    portrait?: {
                        /**
                         * @description the trade, as the shop says it
                         * @example Boucherie artisanale
                         */
                        trade?: string;
                        /**
                         * @description the year the shop opened (or was taken over)
                         * @example 2014
                         */
                        since?: number;
                        /** @description a few words on the shop and its people */
                        story?: string;
                        people?: {
                            /** @example Thomas */
                            firstName: string;
                            /** @example artisan boucher */
                            role?: string;
                            /**
                             * @description in the trade since this year
                             * @example 2013
                             */
                            since?: number;
                        }[];
                        /**
                         * @description what the shop sells
                         * @example [
                         *       "Viande de race locale",
                         *       "Charcuterie maison"
                         *     ]
                         */
                        products?: string[];
                        /**
                         * @description what the shop offers
                         * @example [
                         *       "Commande par téléphone",
                         *       "Livraison le samedi"
                         *     ]
                         */
                        services?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        merchantId: string;
                        name: string;
                        address: {
                            street: string;
                            postcode: string;
                            city: string;
                        };
                        category?: string;
                        tags: string[];
                        coordinates?: {
                            lat: number;
                            lon: number;
                        };
                        description?: string;
                        openingHours?: string;
                        website?: string;
                        phone?: string;
                        photoUrls?: string[];
                        portrait?: components["schemas"]["Portrait"];
                        /** @enum {string} */
                        status: "ACTIVE" | "SUSPENDED";
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `MERCHANT_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOwnNews: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["NewsRecord"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOwnNews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Fermé pour travaux jusqu’au 15",
                 *       "body": "La boutique rouvre le 16 juillet avec la carte d’été.",
                 *       "endsOn": "2026-07-15"
                 *     }
                 */
                "application/json": {
                    /** @example Le bonus travaux commence lundi */
                    title: string;
                    /** @example Pendant les travaux de la rue Nationale, le remboursement passe à 15 % chez les commerces de la rue. */
                    body: string;
                    /**
                     * @description the last day the post is shown (Europe/Paris); shown until deleted when left out
                     * @example 2026-07-15
                     */
                    endsOn?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewsRecord"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOwnNews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        newsId: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `NEWS_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NEWS_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOwnNews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    body?: string;
                    endsOn?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewsRecord"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `NEWS_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NEWS_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `NEWS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NEWS_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOwnReviews: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ModeratedReview"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replyToReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "text": "Merci Camille, à bientôt !"
                 *     }
                 */
                "application/json": {
                    /** @example Merci Camille, à bientôt ! */
                    text: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeratedReview"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `REVIEW_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `REVIEW_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteReplyToReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeratedReview"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `REVIEW_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `REVIEW_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_CHANGED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnFigures: {
        parameters: {
            query?: {
                /** @description purchases from this date (its ISO week is included whole) */
                from?: string;
                /** @description purchases to this date (its ISO week is included whole) */
                to?: string;
            };
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnShopFigures"];
                };
            };
            /** @description The request is not valid: `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOwnPhotos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoList"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    announceOwnPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contentType": "image/jpeg",
                 *       "contentLength": 2480113,
                 *       "altText": "La vitrine de la boulangerie, avec les pains du jour"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description image/jpeg or image/png (checked again on the bytes)
                     * @example image/jpeg
                     */
                    contentType: string;
                    /**
                     * @description bytes, at most 8388608
                     * @example 2480113
                     */
                    contentLength: number;
                    /**
                     * @description what the photo shows, in French, read out in its place
                     * @example La vitrine de la boulangerie, avec les pains du jour
                     */
                    altText: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
                        photoId: string;
                        /** @constant */
                        status: "AWAITING_UPLOAD";
                        upload: {
                            /** @constant */
                            method: "PUT";
                            /** @description presigned URL for the photo’s bytes */
                            url: string;
                            /** @description headers the PUT must carry (Content-Type, Content-Length) */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `TOO_LARGE`, `UNSUPPORTED_FILE`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "TOO_LARGE" | "UNSUPPORTED_FILE" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED`, `PHOTO_LIMIT_REACHED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED" | "PHOTO_LIMIT_REACHED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reorderOwnPhotos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description every photo of the shop, in the order to show them */
                    photoIds: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoList"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `INVALID_PHOTO_ORDER`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "INVALID_PHOTO_ORDER" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOwnPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoRecord"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PHOTO_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTO_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOwnPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
                        photoId: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PHOTO_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTO_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateOwnPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example Le comptoir des fromages */
                    altText: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoRecord"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PHOTO_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTO_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReceiptForStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffReceipt"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `RECEIPT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RECEIPT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReceiptsOfResident: {
        parameters: {
            query: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
                /** @description the resident’s id (token `sub`) */
                residentId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            receiptId: string;
                            status: components["schemas"]["ReceiptStatus"];
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            createdAt: string;
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            updatedAt: string;
                            merchant?: {
                                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                                merchantId: string;
                                name: string;
                            };
                            /**
                             * @description local date in Europe/Paris, YYYY-MM-DD
                             * @example 2026-12-02
                             */
                            purchaseDate?: string;
                            totalCents?: number;
                            cashbackCents?: number;
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            campaignId?: string;
                            /** @description what each operation paid, on a credited receipt */
                            credits?: {
                                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                                campaignId: string;
                                name: string | null;
                                amountCents: number;
                            }[];
                            /** @description each loyalty reward that counted this credited purchase: its position, its bonus or why it was not paid */
                            loyalty?: {
                                /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                                campaignId: string;
                                /** @description the purchase among the resident’s credited purchases at the shop in the period */
                                position: number;
                                everyNth: number;
                                /** @enum {string} */
                                outcome: "COUNTED" | "PAID" | "UNFUNDED" | "PURCHASE_COVERED";
                                bonusCents: number;
                                /**
                                 * @description in French, for the resident
                                 * @example Fidélité : 3e achat sur 5 ce trimestre
                                 */
                                message: string;
                            }[];
                            rejection?: components["schemas"]["Rejection"];
                            /** @description a parking ticket (free parking with a purchase) still PROCESSING, waiting for a credited purchase the same day */
                            waiting?: {
                                /** @constant */
                                for: "PURCHASE";
                                /**
                                 * @description when it stops waiting: refused then if no purchase validates it
                                 * @example 2026-12-03T09:41:00.000Z
                                 */
                                until: string;
                                /** @example En attente d’un achat chez un commerçant participant le même jour */
                                message: string;
                            };
                            residentId: string;
                        }[];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReview: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            receiptId: string;
                            residentId: string;
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            createdAt: string;
                            /** @description presigned GET, valid 15 minutes */
                            imageUrl: string;
                            extraction: {
                                [key: string]: unknown;
                            } | null;
                            /** @description why it is held, the candidate shops, look-alike photos with their own links */
                            review: ({
                                reasons?: string[];
                            } & {
                                [key: string]: unknown;
                            }) | null;
                        }[];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decideReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "action": "APPROVE",
                 *       "totalCents": 2350
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    action: "APPROVE" | "REJECT";
                    merchantId?: string;
                    totalCents?: number;
                    purchaseDate?: string;
                    reason?: string;
                    teachAlias?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        receiptId: string;
                        /** @enum {string} */
                        status: "REJECTED" | "PROCESSING";
                        rejection?: components["schemas"]["Rejection"];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The request is not valid: `DECISION_INCOMPLETE`, `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "DECISION_INCOMPLETE" | "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND`, `RECEIPT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND" | "RECEIPT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `RECEIPT_NOT_IN_REVIEW` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RECEIPT_NOT_IN_REVIEW";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
                /** @description a staff member’s id */
                actor?: string;
                /** @description an operationId of this document */
                action?: string;
                targetType?: "campaign" | "merchant" | "receipt" | "payout" | "ledger" | "resident" | "news" | "review";
                /** @description with targetType: one target’s history */
                targetId?: string;
                /** @description from this date or instant (UTC), included */
                from?: string;
                /** @description to this date or instant (UTC), included */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEntry"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listMerchantsForStaff: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
                /** @description exact category */
                category?: string;
                /** @description one of the shop’s tags */
                tag?: string;
                /** @description words of the name */
                q?: string;
                /** @description active shops (default) or suspended ones */
                status?: "ACTIVE" | "SUSPENDED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["StaffMerchant"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createMerchant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Boulangerie du Marché",
                 *       "siret": "73282932000074",
                 *       "address": {
                 *         "street": "12 place du Marché",
                 *         "postcode": "37410",
                 *         "city": "Montclair-sur-Loire"
                 *       },
                 *       "category": "Boulangerie",
                 *       "tags": [
                 *         "centre-ville"
                 *       ]
                 *     }
                 */
                "application/json": {
                    name: string;
                    siret: string;
                    address: {
                        street: string;
                        postcode: string;
                        city: string;
                    };
                    category?: string;
                    /** @default [] */
                    tags?: string[];
                    /** @default [] */
                    aliases?: string[];
                    sign?: string;
                    legalName?: string;
                    nafCode?: string;
                    coordinates?: {
                        lat: number;
                        lon: number;
                    };
                    showcase?: {
                        description?: string;
                        openingHours?: string;
                        /** Format: uri */
                        website?: string;
                        phone?: string;
                        photoUrls?: string[];
                        portrait?: {
                            /**
                             * @description the trade, as the shop says it
                             * @example Boucherie artisanale
                             */
                            trade?: string;
                            /**
                             * @description the year the shop opened (or was taken over)
                             * @example 2014
                             */
                            since?: number;
                            /** @description a few words on the shop and its people */
                            story?: string;
                            people?: {
                                /** @example Thomas */
                                firstName: string;
                                /** @example artisan boucher */
                                role?: string;
                                /**
                                 * @description in the trade since this year
                                 * @example 2013
                                 */
                                since?: number;
                            }[];
                            /**
                             * @description what the shop sells
                             * @example [
                             *       "Viande de race locale",
                             *       "Charcuterie maison"
                             *     ]
                             */
                            products?: string[];
                            /**
                             * @description what the shop offers
                             * @example [
                             *       "Commande par téléphone",
                             *       "Livraison le samedi"
                             *     ]
                             */
                            services?: string[];
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        merchantId: string;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Conflicts with the current state: `MERCHANT_EXISTS` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_EXISTS";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    importMerchants: {
        parameters: {
            query?: {
                /** @description detected from the header when left out */
                format?: "sirene" | "plain";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description the CSV file, comma or semicolon separated, with its header */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        format: "sirene" | "plain";
                        /** @enum {string} */
                        delimiter: "," | ";";
                        rows: number;
                        created: number;
                        updated: number;
                        unchanged: number;
                        skipped: {
                            [key: string]: unknown;
                        }[];
                        rejected: {
                            [key: string]: unknown;
                        }[];
                        skippedCount: number;
                        rejectedCount: number;
                        truncated: boolean;
                    };
                };
            };
            /** @description The request is not valid: `EMPTY_CSV`, `INVALID_CSV_HEADER`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "EMPTY_CSV" | "INVALID_CSV_HEADER" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unsupported media type: `UNSUPPORTED_MEDIA_TYPE` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNSUPPORTED_MEDIA_TYPE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMerchantForStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMerchant"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMerchant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "SUSPENDED",
                 *       "statusReason": "Fermeture pour travaux"
                 *     }
                 */
                "application/json": {
                    name?: string;
                    address?: {
                        street: string;
                        postcode: string;
                        city: string;
                    };
                    category?: string | null;
                    tags?: string[];
                    aliases?: string[];
                    sign?: string | null;
                    legalName?: string | null;
                    nafCode?: string | null;
                    coordinates?: {
                        lat: number;
                        lon: number;
                    } | null;
                    showcase?: {
                        description?: string;
                        openingHours?: string;
                        /** Format: uri */
                        website?: string;
                        phone?: string;
                        photoUrls?: string[];
                        portrait?: {
                            /**
                             * @description the trade, as the shop says it
                             * @example Boucherie artisanale
                             */
                            trade?: string;
                            /**
                             * @description the year the shop opened (or was taken over)
                             * @example 2014
                             */
                            since?: number;
                            /** @description a few words on the shop and its people */
                            story?: string;
                            people?: {
                                /** @example Thomas */
                                firstName: string;
                                /** @example artisan boucher */
                                role?: string;
                                /**
                                 * @description in the trade since this year
                                 * @example 2013
                                 */
                                since?: number;
                            }[];
                            /**
                             * @description what the shop sells
                             * @example [
                             *       "Viande de race locale",
                             *       "Charcuterie maison"
                             *     ]
                             */
                            products?: string[];
                            /**
                             * @description what the shop offers
                             * @example [
                             *       "Commande par téléphone",
                             *       "Livraison le samedi"
                             *     ]
                             */
                            services?: string[];
                        };
                    } | null;
                    /** @enum {string} */
                    status?: "ACTIVE" | "SUSPENDED";
                    statusReason?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMerchant"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `MERCHANT_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listNewsForStaff: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
                /** @description one shop’s posts */
                merchantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["NewsRecord"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createNews: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Le bonus travaux commence lundi",
                 *       "body": "Pendant les travaux de la rue Nationale, le remboursement passe à 15 %.",
                 *       "endsOn": "2026-07-15"
                 *     }
                 */
                "application/json": {
                    /** @example Le bonus travaux commence lundi */
                    title: string;
                    /** @example Pendant les travaux de la rue Nationale, le remboursement passe à 15 % chez les commerces de la rue. */
                    body: string;
                    /**
                     * @description the last day the post is shown (Europe/Paris); shown until deleted when left out
                     * @example 2026-07-15
                     */
                    endsOn?: string;
                    /** @description the shop the post is about; the whole programme when left out */
                    merchantId?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewsRecord"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteNews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        newsId: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `NEWS_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NEWS_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateNews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    body?: string;
                    endsOn?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewsRecord"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `NEWS_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NEWS_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `NEWS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "NEWS_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listReviewsForStaff: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ModeratedReview"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    hideReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Propos injurieux"
                 *     }
                 */
                "application/json": {
                    /** @example Propos injurieux */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeratedReview"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `REVIEW_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `REVIEW_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unhideReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModeratedReview"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `REVIEW_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `REVIEW_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "REVIEW_CHANGED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listShopPhotos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoList"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    announceShopPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contentType": "image/jpeg",
                 *       "contentLength": 2480113,
                 *       "altText": "La vitrine de la boulangerie, avec les pains du jour"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description image/jpeg or image/png (checked again on the bytes)
                     * @example image/jpeg
                     */
                    contentType: string;
                    /**
                     * @description bytes, at most 8388608
                     * @example 2480113
                     */
                    contentLength: number;
                    /**
                     * @description what the photo shows, in French, read out in its place
                     * @example La vitrine de la boulangerie, avec les pains du jour
                     */
                    altText: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
                        photoId: string;
                        /** @constant */
                        status: "AWAITING_UPLOAD";
                        upload: {
                            /** @constant */
                            method: "PUT";
                            /** @description presigned URL for the photo’s bytes */
                            url: string;
                            /** @description headers the PUT must carry (Content-Type, Content-Length) */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `TOO_LARGE`, `UNSUPPORTED_FILE`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "TOO_LARGE" | "UNSUPPORTED_FILE" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED`, `PHOTO_LIMIT_REACHED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED" | "PHOTO_LIMIT_REACHED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reorderShopPhotos: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description every photo of the shop, in the order to show them */
                    photoIds: string[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoList"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `INVALID_PHOTO_ORDER`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "INVALID_PHOTO_ORDER" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getShopPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoRecord"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PHOTO_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTO_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteShopPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 0f6d1c3e-5b7a-4c1e-9f1a-2b3c4d5e6f70 */
                        photoId: string;
                        /** @constant */
                        deleted: true;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PHOTO_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTO_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateShopPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example Le comptoir des fromages */
                    altText: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShopPhotoRecord"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PHOTO_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTO_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PHOTOS_CHANGED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PHOTOS_CHANGED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCounterResidents: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
                /** @description the one resident holding this reference (compared as registered: without case, spaces, dots or dashes) */
                reference?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["CounterResident"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerCounterResident: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "fullName": "Jeanne Moreau",
                 *       "reference": "BM-0042-17",
                 *       "email": "jeanne.moreau@example.fr"
                 *     }
                 */
                "application/json": {
                    /** @example Jeanne Moreau */
                    fullName: string;
                    /**
                     * @description unique in the city, such as a library card number; compared without case, spaces, dots or dashes
                     * @example BM-0042-17
                     */
                    reference: string;
                    /**
                     * Format: email
                     * @description optional: the resident may have no e-mail at all
                     * @example jeanne.moreau@example.fr
                     */
                    email?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CounterResident"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Conflicts with the current state: `COUNTER_REFERENCE_TAKEN` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_REFERENCE_TAKEN";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCounterResident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description a counter resident’s id: `guichet-` and a UUID
                         * @example guichet-3f6c1d7e-2b1a-4c55-9d0e-7a8b9c0d1e2f
                         */
                        residentId: string;
                        fullName: string;
                        /**
                         * @description normalised: upper case, without spaces, dots, dashes or slashes
                         * @example BM004217
                         */
                        reference: string;
                        email?: string;
                        /** @description the staff member who registered the resident */
                        registeredBy: string;
                        /**
                         * @description ISO 8601 instant, UTC
                         * @example 2026-12-03T09:41:00.000Z
                         */
                        registeredAt: string;
                        wallet: {
                            balanceCents: number;
                            pendingPayoutCents: number;
                            paidOutCents: number;
                            /** @constant */
                            currency: "EUR";
                        };
                        payoutAccount: {
                            /** @description masked */
                            iban: string;
                            holderName: string;
                        } | null;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `COUNTER_RESIDENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_RESIDENT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    eraseCounterResident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CounterErasure"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `COUNTER_RESIDENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_RESIDENT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PAYOUT_IN_FLIGHT` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_IN_FLIGHT";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendReceiptAtCounter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "contentType": "image/jpeg",
                 *       "contentLength": 482113
                 *     }
                 */
                "application/json": {
                    contentType: string;
                    contentLength: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        receiptId: string;
                        /** @constant */
                        status: "AWAITING_UPLOAD";
                        upload: {
                            /** @constant */
                            method: "PUT";
                            /** @description presigned S3 URL for the image bytes, write-once: a second PUT is refused with 412 (after a lost answer, 412 means the image was sent) */
                            url: string;
                            /** @description headers the PUT must carry, all signed (Content-Type, Content-Length, If-None-Match: *) */
                            headers: {
                                [key: string]: string;
                            };
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `TOO_LARGE`, `UNSUPPORTED_FILE`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "TOO_LARGE" | "UNSUPPORTED_FILE" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `COUNTER_RESIDENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_RESIDENT_NOT_FOUND";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Too many requests: wait for `Retry-After` seconds: `TOO_MANY_RECEIPTS_TODAY`, `TOO_MANY_UPLOADS_IN_FLIGHT` */
            429: {
                headers: {
                    /** @description seconds to wait */
                    "Retry-After": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "TOO_MANY_RECEIPTS_TODAY" | "TOO_MANY_UPLOADS_IN_FLIGHT";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setCounterPayoutAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "iban": "FR76 3000 6000 0112 3456 7890 189",
                 *       "holderName": "Jeanne Moreau"
                 *     }
                 */
                "application/json": {
                    iban: string;
                    holderName: string;
                    bic?: string | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description masked
                         * @example FR76 •••• •••• •••• •••• ••89 012
                         */
                        iban: string;
                        holderName: string;
                        bic?: string;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_IBAN`, `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_IBAN" | "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `COUNTER_RESIDENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_RESIDENT_NOT_FOUND";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    counterStatement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CounterStatement"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `COUNTER_RESIDENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_RESIDENT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportCounterResident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CounterResidentExport"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `COUNTER_RESIDENT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "COUNTER_RESIDENT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCampaigns: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Campaign"][];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Rue des Tanneurs en travaux",
                 *       "budgetCents": 5000000,
                 *       "startsOn": "2026-12-01",
                 *       "endsOn": "2027-01-31",
                 *       "rateBps": 2000,
                 *       "maxCashbackPerReceiptCents": 1000,
                 *       "perResidentCap": {
                 *         "amountCents": 5000,
                 *         "period": "MONTH"
                 *       },
                 *       "merchants": {
                 *         "tags": [
                 *           "tanneurs"
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    kind?: "CASHBACK" | "GIFT_ALLOWANCE" | "WELCOME_BONUS" | "LOYALTY" | "PARKING";
                    name: string;
                    budgetCents: number;
                    startsOn: string;
                    endsOn: string;
                    rateBps?: number;
                    maxCashbackPerReceiptCents?: number;
                    minPurchaseCents?: number;
                    perResidentCap?: {
                        amountCents: number;
                        /** @enum {string} */
                        period: "DAY" | "WEEK" | "MONTH" | "CAMPAIGN";
                    };
                    perResidentPurchaseCap?: {
                        amountCents: number;
                        /** @enum {string} */
                        period: "DAY" | "WEEK" | "MONTH" | "CAMPAIGN";
                    };
                    allowance?: {
                        amountCents: number;
                        /** @enum {string} */
                        per: "RESIDENT" | "HOUSEHOLD";
                    };
                    merchantId?: string;
                    bonusCents?: number;
                    everyNth?: number;
                    /** @enum {string} */
                    period?: "MONTH" | "QUARTER" | "YEAR" | "CAMPAIGN";
                    refundMaxCents?: number;
                    carParks?: {
                        tags?: string[];
                        ids?: string[];
                        operators?: string[];
                    };
                    decideWithinHours?: number;
                    stackable?: boolean;
                    receiptMaxAgeDays?: number;
                    /**
                     * @default {
                     *       "all": true
                     *     }
                     */
                    merchants?: {
                        /** @constant */
                        all: true;
                    } | {
                        tags: string[];
                    } | {
                        ids: string[];
                    } | {
                        zone: {
                            /** @constant */
                            type: "Polygon";
                            coordinates: [
                                number,
                                number
                            ][][];
                        } | {
                            /** @constant */
                            type: "MultiPolygon";
                            coordinates: [
                                number,
                                number
                            ][][][];
                        };
                    };
                    schedule?: {
                        days?: ("MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT" | "SUN")[];
                        from?: string;
                        to?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "campaignId": "01JD8Z6Q3N4W5X6Y7Z8A9B0C1D",
                     *       "status": "DRAFT"
                     *     }
                     */
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        campaignId: string;
                        /** @enum {string} */
                        status: "DRAFT" | "ACTIVE" | "PAUSED" | "CLOSED";
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `MERCHANT_NOT_FOUND`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "MERCHANT_NOT_FOUND" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateDraftCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Rue des Tanneurs en travaux",
                 *       "budgetCents": 5000000,
                 *       "startsOn": "2026-12-01",
                 *       "endsOn": "2027-01-31",
                 *       "rateBps": 2000,
                 *       "maxCashbackPerReceiptCents": 1000,
                 *       "perResidentCap": {
                 *         "amountCents": 5000,
                 *         "period": "MONTH"
                 *       },
                 *       "merchants": {
                 *         "tags": [
                 *           "tanneurs"
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    kind?: "CASHBACK" | "GIFT_ALLOWANCE" | "WELCOME_BONUS" | "LOYALTY" | "PARKING";
                    name: string;
                    budgetCents: number;
                    startsOn: string;
                    endsOn: string;
                    rateBps?: number;
                    maxCashbackPerReceiptCents?: number;
                    minPurchaseCents?: number;
                    perResidentCap?: {
                        amountCents: number;
                        /** @enum {string} */
                        period: "DAY" | "WEEK" | "MONTH" | "CAMPAIGN";
                    };
                    perResidentPurchaseCap?: {
                        amountCents: number;
                        /** @enum {string} */
                        period: "DAY" | "WEEK" | "MONTH" | "CAMPAIGN";
                    };
                    allowance?: {
                        amountCents: number;
                        /** @enum {string} */
                        per: "RESIDENT" | "HOUSEHOLD";
                    };
                    merchantId?: string;
                    bonusCents?: number;
                    everyNth?: number;
                    /** @enum {string} */
                    period?: "MONTH" | "QUARTER" | "YEAR" | "CAMPAIGN";
                    refundMaxCents?: number;
                    carParks?: {
                        tags?: string[];
                        ids?: string[];
                        operators?: string[];
                    };
                    decideWithinHours?: number;
                    stackable?: boolean;
                    receiptMaxAgeDays?: number;
                    /**
                     * @default {
                     *       "all": true
                     *     }
                     */
                    merchants?: {
                        /** @constant */
                        all: true;
                    } | {
                        tags: string[];
                    } | {
                        ids: string[];
                    } | {
                        zone: {
                            /** @constant */
                            type: "Polygon";
                            coordinates: [
                                number,
                                number
                            ][][];
                        } | {
                            /** @constant */
                            type: "MultiPolygon";
                            coordinates: [
                                number,
                                number
                            ][][][];
                        };
                    };
                    schedule?: {
                        days?: ("MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT" | "SUN")[];
                        from?: string;
                        to?: string;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `MERCHANT_NOT_FOUND`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "MERCHANT_NOT_FOUND" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_NOT_DRAFT` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_DRAFT";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    activateCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        campaignId: string;
                        /** @enum {string} */
                        status: "DRAFT" | "ACTIVE" | "PAUSED" | "CLOSED";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_NOT_DRAFT`, `MERCHANT_FUNDS_INSUFFICIENT` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_DRAFT" | "MERCHANT_FUNDS_INSUFFICIENT";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    campaignStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        budgetCents: number;
                        creditedCents: number;
                        remainingCents: number;
                        salesCents: number;
                        receipts: {
                            credited: number;
                            rejected: number;
                            inReview: number;
                        };
                        residents: number;
                        merchants: number;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    pauseCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        campaignId: string;
                        /** @enum {string} */
                        status: "DRAFT" | "ACTIVE" | "PAUSED" | "CLOSED";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_NOT_ACTIVE` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_ACTIVE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resumeCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        campaignId: string;
                        /** @enum {string} */
                        status: "DRAFT" | "ACTIVE" | "PAUSED" | "CLOSED";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_NOT_PAUSED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_PAUSED";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    topUpCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amountCents": 1000000,
                 *       "reference": "DCM-2026-114"
                 *     }
                 */
                "application/json": {
                    amountCents: number;
                    reference?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        campaignId: string;
                        transferId: string;
                        outcome: string;
                        budgetCents: number;
                        remainingCents: number;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_NOT_ACTIVE`, `MERCHANT_FUNDS_INSUFFICIENT` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_ACTIVE" | "MERCHANT_FUNDS_INSUFFICIENT";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        campaignId: string;
                        /** @constant */
                        status: "CLOSED";
                        returnedCents: number;
                        alreadyClosed: boolean;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_CHANGED`, `CAMPAIGN_NOT_ACTIVE` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_CHANGED" | "CAMPAIGN_NOT_ACTIVE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    campaignLedgerCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per movement, oldest first, with the running balance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    depositMerchantFunds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amountCents": 20000,
                 *       "reference": "TRESOR-2026-0042"
                 *     }
                 */
                "application/json": {
                    amountCents: number;
                    reference: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        merchantId: string;
                        transferId: string;
                        outcome: string;
                        availableCents: number;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reverseReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "Ticket falsifié, signalé par le commerçant"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        receiptId: string;
                        /** @constant */
                        status: "REJECTED";
                        reversedCents?: number;
                        alreadyReversed: boolean;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `RECEIPT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "RECEIPT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `CAMPAIGN_CHANGED`, `RECEIPT_NOT_CREDITED` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_CHANGED" | "RECEIPT_NOT_CREDITED";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reconcileLedger: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        accounts: number;
                        transfers: number;
                        creditedReceipts: number;
                        totalDebitsCents: number;
                        totalCreditsCents: number;
                        problems: string[];
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFigures: {
        parameters: {
            query?: {
                /** @description purchases from this date (its ISO week is included whole) */
                from?: string;
                /** @description purchases to this date (its ISO week is included whole) */
                to?: string;
                /** @description one campaign (its cashback, and the receipts it credited) */
                campaignId?: string;
                /** @description one shop */
                merchantId?: string;
                /** @description the shops holding this tag */
                tag?: string;
                /** @description the zone: the shops of this postcode */
                postcode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Figures"];
                };
            };
            /** @description The request is not valid: `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND`, `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND" | "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFiguresShopsCsv: {
        parameters: {
            query?: {
                /** @description purchases from this date (its ISO week is included whole) */
                from?: string;
                /** @description purchases to this date (its ISO week is included whole) */
                to?: string;
                /** @description one campaign (its cashback, and the receipts it credited) */
                campaignId?: string;
                /** @description one shop */
                merchantId?: string;
                /** @description the shops holding this tag */
                tag?: string;
                /** @description the zone: the shops of this postcode */
                postcode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per shop: new and returning customers, credited receipts, cashback, sales, leverage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is not valid: `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND`, `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND" | "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFiguresWeeklyCsv: {
        parameters: {
            query?: {
                /** @description purchases from this date (its ISO week is included whole) */
                from?: string;
                /** @description purchases to this date (its ISO week is included whole) */
                to?: string;
                /** @description one campaign (its cashback, and the receipts it credited) */
                campaignId?: string;
                /** @description one shop */
                merchantId?: string;
                /** @description the shops holding this tag */
                tag?: string;
                /** @description the zone: the shops of this postcode */
                postcode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per ISO week */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description The request is not valid: `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `CAMPAIGN_NOT_FOUND`, `MERCHANT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "CAMPAIGN_NOT_FOUND" | "MERCHANT_NOT_FOUND";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPayouts: {
        parameters: {
            query?: {
                /** @description items per page, 1 to 100 */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as given */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            payoutId: string;
                            /** @example READY */
                            status: string;
                            itemCount: number;
                            totalCents: number;
                            /**
                             * @description ISO 8601 instant, UTC
                             * @example 2026-12-03T09:41:00.000Z
                             */
                            createdAt: string;
                            /**
                             * @description local date in Europe/Paris, YYYY-MM-DD
                             * @example 2026-12-02
                             */
                            requestedExecutionDate?: string;
                        }[];
                        /** @description opaque; pass it back as `cursor` for the next page, null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description The request is not valid: `INVALID_CURSOR`, `INVALID_QUERY` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_CURSOR" | "INVALID_QUERY";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    runPayouts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        batch: {
                            /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                            payoutId: string;
                            itemCount: number;
                            totalCents: number;
                        } | null;
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    payoutFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ISO 20022 pain.001.001.09, for the city’s bank */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PAYOUT_FILE_NOT_FOUND`, `PAYOUT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_FILE_NOT_FOUND" | "PAYOUT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PAYOUT_NOT_READY` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_NOT_READY";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    payoutCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one row per transfer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PAYOUT_FILE_NOT_FOUND`, `PAYOUT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_FILE_NOT_FOUND" | "PAYOUT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PAYOUT_NOT_READY` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_NOT_READY";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    settlePayout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        payoutId: string;
                        /** @constant */
                        status: "SETTLED";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PAYOUT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PAYOUT_NOT_READY` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_NOT_READY";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectPayoutItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the resource id */
                id: string;
                /** @description the itemId */
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "AC04 compte clos"
                 *     }
                 */
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example 01JD8Z6Q3N4W5X6Y7Z8A9B0C1D */
                        payoutId: string;
                        itemId: string;
                        /** @constant */
                        status: "VOIDED";
                    };
                };
            };
            /** @description The request is not valid: `INVALID_JSON`, `VALIDATION_ERROR` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "INVALID_JSON" | "VALIDATION_ERROR";
                    };
                };
            };
            /** @description No valid bearer token: `UNAUTHENTICATED` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "UNAUTHENTICATED";
                    };
                };
            };
            /** @description Not allowed to this caller: `FORBIDDEN` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "FORBIDDEN";
                    };
                };
            };
            /** @description Not found: `PAYOUT_ITEM_NOT_FOUND`, `PAYOUT_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_ITEM_NOT_FOUND" | "PAYOUT_NOT_FOUND";
                    };
                };
            };
            /** @description Conflicts with the current state: `PAYOUT_ITEM_NOT_PENDING` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYOUT_ITEM_NOT_PENDING";
                    };
                };
            };
            /** @description The body is too large: `PAYLOAD_TOO_LARGE` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "PAYLOAD_TOO_LARGE";
                    };
                };
            };
            /** @description Unexpected failure (`INTERNAL_ERROR`); the request can be retried */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
