// Entry point of `cdk synth` / `cdk deploy` (cdk.json: "app": "npx tsx infra/app.ts").
// The city's configuration is the `cabas` object of the cdk.json context (see docs/deploy.md).
import { createCabasApp } from './cabas-app';
import { CityConfigError } from './config';

try {
  createCabasApp().app.synth();
} catch (err) {
  if (err instanceof CityConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
