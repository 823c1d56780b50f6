import { type AwsCredentials, credentialsFromEnvironment } from '../../adapters/aws/sigv4';

/**
 * The region and credentials the functions sign with, from the environment the Lambda runtime (or
 * the local stack) sets before the handler loads; read at the first call, as the SDK does, so that
 * a missing one is reported where it is needed, naming what needed it.
 */
export function signingFromEnvironment(what: string, env: NodeJS.ProcessEnv = process.env): { region: () => string; credentials: () => AwsCredentials } {
  return {
    region: () => {
      const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
      if (!region) throw new Error(`AWS_REGION is not set: ${what} needs a region`);
      return region;
    },
    credentials: () => {
      const credentials = credentialsFromEnvironment(env);
      if (!credentials) throw new Error(`AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: ${what} cannot sign`);
      return credentials;
    },
  };
}
