import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

import { CityStack } from './city-stack';
import { parseCityConfig, stackNameOf, type CityConfig } from './config';

export interface CabasApp {
  readonly app: App;
  readonly stack: CityStack;
  readonly config: CityConfig;
}

/**
 * Builds the CDK app of one city: its CityStack, checked by cdk-nag's AwsSolutions pack on every
 * synth (a finding that is neither fixed nor acknowledged with a reason fails the synth).
 */
export function createCabasApp(props: AppProps = {}): CabasApp {
  const app = new App(props);
  const config = parseCityConfig(app.node.tryGetContext('cabas'));
  const stackName = stackNameOf(config);
  const stack = new CityStack(app, stackName, {
    stackName,
    config,
    // With a region in the configuration the stack is pinned to it (the account stays the one of
    // the deploying credentials); without one it is environment-agnostic and goes to the CLI's region.
    ...(config.region ? { env: { region: config.region } } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
  return { app, stack, config };
}
