import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';

import { METRIC } from '../../shared/adapters/metrics';
import { Operations, metricsNamespaceOf } from '../../infra/dashboard';

/**
 * The operators' dashboard and the review queue alarm (issue #18) read the metrics under the
 * names and dimensions the functions write (shared/adapters/metrics.ts, tested in
 * test/unit/adapters/metrics.test.ts): a renamed metric would leave a graph or an alarm empty.
 */
type Json = Record<string, any>;
let template: Template;
let body: string;
const NAMESPACE = metricsNamespaceOf('Cabas-Test');

beforeAll(() => {
  const stack = new Stack(new App(), 'Cabas-Test', { env: { account: '111111111111', region: 'eu-west-3' } });
  const fn = (name: string) => lambda.Function.fromFunctionName(stack, `${name}Fn`, `cabas-${name}`);
  const queue = (name: string) => ({ queue: new sqs.Queue(stack, `${name}Queue`), dlq: new sqs.Queue(stack, `${name}Dlq`) });
  new Operations(stack, 'Operations', {
    namespace: NAMESPACE,
    functions: { api: fn('api'), ocr: fn('ocr'), match: fn('match'), credit: fn('credit') },
    queues: { ocr: queue('ocr'), match: queue('match'), credit: queue('credit') },
    alarmTopic: new sns.Topic(stack, 'Alarms'),
    reviewQueueGrowth: 40,
  });
  template = Template.fromStack(stack);
  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]!;
  // The body is a Fn::Join of strings and references: its literal parts are enough here.
  body = (dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[]).filter((p): p is string => typeof p === 'string').join('');
});

describe('operations dashboard', () => {
  it('graphs every pipeline metric the functions write, in the city’s namespace', () => {
    for (const name of Object.values(METRIC)) expect(body, name).toMatch(new RegExp(`\\\\?"${name}\\\\?"`));
    expect(body).toContain(`"${NAMESPACE}"`);
    // The refusals, one series per code, found by a search on the code dimension.
    expect(body).toContain(`SEARCH('{${NAMESPACE},code,service,stage} MetricName=\\"${METRIC.receiptsRefused}\\"'`);
    // The stage dimension as createMetrics(stage) writes it.
    for (const stage of ['api', 'ocr', 'match', 'credit']) expect(body).toContain(`"stage","${stage}"`);
  });

  it('shows the queues, their dead-letter queues and the functions', () => {
    expect(body.match(/ApproximateNumberOfMessagesVisible/g)?.length).toBe(6);
    expect(body).toContain('"Errors"');
    expect(body).toContain('"Duration"');
  });
});

describe('review queue alarm', () => {
  it('fires when, over 6 hours, the held receipts outnumber the decided ones by the city’s threshold', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as Json);
    expect(alarms).toHaveLength(1);
    const alarm = alarms[0]!;
    expect(alarm).toMatchObject({ Threshold: 40, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', EvaluationPeriods: 1 });
    expect(alarm.AlarmActions).toHaveLength(1);
    expect(alarm.OKActions).toHaveLength(1);
    const queries = alarm.Metrics as Json[];
    const returned = queries.filter((q) => q.ReturnData !== false);
    expect(returned).toHaveLength(1);
    expect(returned[0]!.Expression).toMatch(/FILL\(\w+, 0\) - FILL\(\w+, 0\)/);
    const stats = queries.filter((q) => q.MetricStat).map((q) => q.MetricStat as Json);
    const names = stats.map((s) => s.Metric.MetricName as string);
    expect(new Set(names)).toEqual(new Set([METRIC.receiptsHeldForReview, METRIC.reviewsDecided]));
    for (const s of stats) {
      expect(s.Metric.Namespace).toBe(NAMESPACE);
      expect(s.Period).toBe(6 * 3600);
      expect(s.Stat).toBe('Sum');
      expect((s.Metric.Dimensions as Json[]).map((d) => d.Name).sort()).toEqual(['service', 'stage']);
    }
  });
});
