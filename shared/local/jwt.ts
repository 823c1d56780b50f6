import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';

/**
 * The local stack's stand-in for Cognito + the API Gateway JWT authorizer: an ES256 key pair kept
 * in the data directory; `cabas token` signs with it, the local HTTP server verifies with it.
 */
export const LOCAL_ISSUER = 'https://cabas.local/issuer';
export const LOCAL_AUDIENCE = 'cabas-local';
const ALG = 'ES256';

interface StoredKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

async function loadOrCreateKey(dataDir: string): Promise<StoredKey> {
  const file = path.join(dataDir, 'jwt-signing-key.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredKey;
  } catch {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const stored: StoredKey = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored), { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    return JSON.parse(await readFile(file, 'utf8')) as StoredKey;
  }
}

export async function mintToken(dataDir: string, opts: { sub: string; groups?: string[]; ttlSeconds?: number }): Promise<string> {
  const key = await loadOrCreateKey(dataDir);
  const privateKey = await importJWK(key.privateJwk, ALG);
  const claims: JWTPayload = { token_use: 'access' };
  if (opts.groups && opts.groups.length > 0) claims['cognito:groups'] = opts.groups;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(opts.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${opts.ttlSeconds ?? 12 * 3600}s`)
    .sign(privateKey);
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export async function createTokenVerifier(dataDir: string): Promise<TokenVerifier> {
  const key = await loadOrCreateKey(dataDir);
  const publicKey = await importJWK(key.publicJwk, ALG);
  return async (token) => {
    const { payload } = await jwtVerify(token, publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: [ALG] });
    return payload;
  };
}
