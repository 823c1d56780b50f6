/**
 * A shop's photos (issue #20), managed by its staff in the residents' app (/commerce, their own
 * shop: `/v1/shops/{id}/photos`) and by city staff in the console (any shop:
 * `/v1/admin/merchants/{id}/photos`): add a photo (the browser PUTs the file to the presigned URL,
 * then the photo is checked and resized, its metadata removed), describe it (alt text, in French),
 * move it up or down, remove it.
 */
import { useRef, useState } from 'preact/hooks';
import type { ApiClient } from './api';
import { ApiError } from './api';
import { useAction, useAsync } from './hooks';
import type { components } from './openapi';
import { ErrorBox, ErrorSummary, Loading, Notice, TextField, fieldErrors } from './ui';

type PhotoList = components['schemas']['ShopPhotoList'];
type PhotoRecord = components['schemas']['ShopPhotoRecord'];
type Upload = { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string };

/** The routes of one side: the shop's own space or the city's console. */
function photoApi(api: ApiClient, scope: { kind: 'shop' | 'admin'; merchantId: string }) {
  const id = scope.merchantId;
  if (scope.kind === 'shop') {
    return {
      list: (signal?: AbortSignal) => api.call('get', '/v1/shops/{id}/photos', { params: { id }, ...(signal ? { signal } : {}) }),
      announce: (body: { contentType: string; contentLength: number; altText: string }) => api.call('post', '/v1/shops/{id}/photos', { params: { id }, body }),
      get: (itemId: string) => api.call('get', '/v1/shops/{id}/photos/{itemId}', { params: { id, itemId } }),
      describe: (itemId: string, altText: string) => api.call('patch', '/v1/shops/{id}/photos/{itemId}', { params: { id, itemId }, body: { altText } }),
      remove: (itemId: string) => api.call('delete', '/v1/shops/{id}/photos/{itemId}', { params: { id, itemId } }),
      reorder: (photoIds: string[]) => api.call('put', '/v1/shops/{id}/photos/order', { params: { id }, body: { photoIds } }),
    };
  }
  return {
    list: (signal?: AbortSignal) => api.call('get', '/v1/admin/merchants/{id}/photos', { params: { id }, ...(signal ? { signal } : {}) }),
    announce: (body: { contentType: string; contentLength: number; altText: string }) => api.call('post', '/v1/admin/merchants/{id}/photos', { params: { id }, body }),
    get: (itemId: string) => api.call('get', '/v1/admin/merchants/{id}/photos/{itemId}', { params: { id, itemId } }),
    describe: (itemId: string, altText: string) => api.call('patch', '/v1/admin/merchants/{id}/photos/{itemId}', { params: { id, itemId }, body: { altText } }),
    remove: (itemId: string) => api.call('delete', '/v1/admin/merchants/{id}/photos/{itemId}', { params: { id, itemId } }),
    reorder: (photoIds: string[]) => api.call('put', '/v1/admin/merchants/{id}/photos/order', { params: { id }, body: { photoIds } }),
  };
}

const ACCEPTED = ['image/jpeg', 'image/png'];
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PUTs the file to the presigned URL (the browser sets Content-Length itself). */
async function put(upload: Upload, file: Blob): Promise<void> {
  const headers = Object.fromEntries(Object.entries(upload.headers).filter(([name]) => !['content-length', 'host'].includes(name.toLowerCase())));
  let res: Response;
  try {
    res = await fetch(upload.url, { method: upload.method, headers, body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', 'La photo n’a pas pu être envoyée : vérifiez votre connexion et réessayez.');
  }
  if (!res.ok) throw new ApiError(res.status, 'UPLOAD_FAILED', 'La photo n’a pas pu être envoyée ; réessayez.');
}

function statusText(p: PhotoRecord): string {
  if (p.status === 'READY') return 'En ligne';
  if (p.status === 'REFUSED') return `Refusée : ${p.refusal?.message ?? 'fichier non accepté.'}`;
  return 'En cours de traitement (ou jamais envoyée)';
}

function PhotoItem(props: { p: PhotoRecord; index: number; count: number; busy: boolean; onMove: (delta: -1 | 1) => void; onRemove: () => void; onDescribe: (alt: string) => Promise<unknown> }) {
  const { p, index, count } = props;
  const [alt, setAlt] = useState(p.alt);
  const fieldId = `photo-alt-${p.photoId}`;
  const thumb = p.photo?.renditions[0];
  const save = useAction(async () => props.onDescribe(alt.trim()));
  const { byField } = fieldErrors(save.error, { altText: fieldId });
  return (
    <li class="shop-photo-item" data-testid="shop-photo-item">
      {thumb ? <img class="shop-photo-thumb" src={thumb.url} width={thumb.width} height={thumb.height} alt={p.alt} /> : null}
      <div class="shop-photo-body">
        <p>
          <strong>Photo {index + 1}</strong> · <span data-testid="shop-photo-status">{statusText(p)}</span>
        </p>
        <form
          novalidate
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <TextField id={fieldId} label={`Description de la photo ${index + 1}`} value={alt} onInput={setAlt} error={byField[fieldId]} inputProps={{ maxLength: 250 }} />
          <ErrorBox error={byField[fieldId] ? undefined : save.error} />
          <div class="form-actions">
            <button type="submit" class="button button--small" disabled={save.pending || alt.trim() === p.alt}>
              Enregistrer la description<span class="visually-hidden"> de la photo {index + 1}</span>
            </button>
            <button type="button" class="button button--secondary button--small" disabled={props.busy || index === 0} onClick={() => props.onMove(-1)}>
              Monter<span class="visually-hidden"> la photo {index + 1}</span>
            </button>
            <button type="button" class="button button--secondary button--small" disabled={props.busy || index === count - 1} onClick={() => props.onMove(1)}>
              Descendre<span class="visually-hidden"> la photo {index + 1}</span>
            </button>
            <button type="button" class="button button--danger button--small" disabled={props.busy} onClick={props.onRemove}>
              Retirer<span class="visually-hidden"> la photo {index + 1}</span>
            </button>
          </div>
        </form>
      </div>
    </li>
  );
}

export function ShopPhotoManager({ api, announce, scope, headingClass }: { api: ApiClient; announce: (message: string) => void; scope: { kind: 'shop' | 'admin'; merchantId: string }; headingClass?: string }) {
  const calls = photoApi(api, scope);
  const list = useAsync((signal) => calls.list(signal), [scope.kind, scope.merchantId]);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [altText, setAltText] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [state, setState] = useState<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const data: PhotoList | undefined = list.data;

  const add = useAction(async () => {
    const errors: Record<string, string> = {};
    if (!file) errors['photo-fichier'] = 'Choisissez une photo.';
    else if (!ACCEPTED.includes(file.type)) errors['photo-fichier'] = 'Une photo JPEG ou PNG seulement.';
    else if (data && file.size > data.maxBytes) errors['photo-fichier'] = `Cette photo pèse ${megabytes(file.size)} : ${megabytes(data.maxBytes)} au plus.`;
    if (altText.trim().length < 3) errors['photo-description'] = 'Décrivez ce que montre la photo (3 caractères au moins).';
    setLocal(errors);
    if (Object.keys(errors).length > 0 || !file) return;
    setState('Envoi de la photo…');
    const slot = await calls.announce({ contentType: file.type, contentLength: file.size, altText: altText.trim() });
    await put(slot.upload, file);
    setState('Photo envoyée : vérification et mise aux formats…');
    let photo: PhotoRecord | undefined;
    for (let i = 0; i < 90; i++) {
      photo = await calls.get(slot.photoId);
      if (photo.status !== 'AWAITING_UPLOAD') break;
      await sleep(1000);
    }
    setState(undefined);
    setFile(undefined);
    setAltText('');
    if (fileInput.current) fileInput.current.value = '';
    list.reload();
    if (photo?.status === 'READY') announce('La photo est ajoutée à la page du commerce.');
    else if (photo?.status === 'REFUSED') announce(`La photo est refusée : ${photo.refusal?.message ?? ''}`);
    else announce('La photo est envoyée ; elle apparaîtra une fois traitée.');
  });
  const changed = (next: PhotoList) => list.set(next);
  const move = useAction(async (index: number, delta: -1 | 1) => {
    if (!data) return;
    const ids = data.items.map((p) => p.photoId);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    changed(await calls.reorder(ids));
    announce(`La photo ${index + 1} est maintenant la photo ${index + 1 + delta}.`);
  });
  const remove = useAction(async (photoId: string, index: number) => {
    await calls.remove(photoId);
    list.reload();
    announce(`La photo ${index + 1} est retirée.`);
  });

  const server = fieldErrors(add.error, { contentType: 'photo-fichier', contentLength: 'photo-fichier', altText: 'photo-description' });
  const errors = { ...server.byField, ...local };
  const summary = Object.keys(local).length > 0 ? Object.entries(local).map(([field, message]) => ({ field, message })) : server.summary;
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="photos-titre" class={headingClass ?? 'card'} data-testid="shop-photos">
      <h2 id="photos-titre">Photos du commerce</h2>
      <p class="field-hint">
        Photos JPEG ou PNG de {data ? megabytes(data.maxBytes) : '8 Mo'} au plus, {data?.maxPhotos ?? 12} photos au plus. Elles sont mises aux formats de la page ; les informations cachées dans le fichier (position GPS, appareil, date) sont retirées.
      </p>
      {list.error ? <ErrorBox error={list.error} title="Les photos n’ont pas pu être chargées" /> : null}
      {list.loading && !data ? <Loading what="Chargement des photos…" /> : null}
      {data && items.length === 0 ? <p>Aucune photo pour l’instant.</p> : null}
      <ErrorBox error={move.error ?? remove.error} />
      {items.length > 0 ? (
        <ol class="shop-photo-list" data-testid="shop-photo-list">
          {items.map((p, i) => (
            <PhotoItem
              key={`${p.photoId}-${p.updatedAt}`}
              p={p}
              index={i}
              count={items.length}
              busy={move.pending || remove.pending}
              onMove={(delta) => void move.run(i, delta)}
              onRemove={() => void remove.run(p.photoId, i)}
              onDescribe={async (alt) => {
                await calls.describe(p.photoId, alt);
                list.reload();
                announce(`La description de la photo ${i + 1} est enregistrée.`);
              }}
            />
          ))}
        </ol>
      ) : null}
      <form
        novalidate
        aria-labelledby="photo-ajout-titre"
        onSubmit={(e) => {
          e.preventDefault();
          void add.run();
        }}
      >
        <h3 id="photo-ajout-titre">Ajouter une photo</h3>
        {summary.length > 0 || (add.error && server.summary.length === 0 && Object.keys(local).length === 0) ? (
          <ErrorSummary title="La photo n’a pas été ajoutée" items={summary} error={summary.length === 0 ? add.error : undefined} />
        ) : null}
        <div class={`field${errors['photo-fichier'] ? ' field--error' : ''}`}>
          <label for="photo-fichier">Photo (JPEG ou PNG)</label>
          {errors['photo-fichier'] ? (
            <p class="field-error" id="photo-fichier-erreur">
              <span class="visually-hidden">Erreur : </span>
              {errors['photo-fichier']}
            </p>
          ) : null}
          <input
            ref={fileInput}
            id="photo-fichier"
            type="file"
            accept="image/jpeg,image/png"
            aria-describedby={errors['photo-fichier'] ? 'photo-fichier-erreur' : undefined}
            aria-invalid={errors['photo-fichier'] ? 'true' : undefined}
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0])}
          />
        </div>
        <TextField
          id="photo-description"
          label="Description de la photo"
          required
          value={altText}
          onInput={setAltText}
          hint="Ce que montre la photo, pour les personnes qui ne la voient pas : par exemple « La vitrine avec les pains du jour »."
          error={errors['photo-description']}
          inputProps={{ maxLength: 250 }}
        />
        {state ? <Notice announced>{state}</Notice> : null}
        <button type="submit" class="button" disabled={add.pending}>
          Ajouter la photo
        </button>
      </form>
    </section>
  );
}
