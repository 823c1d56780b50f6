import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

import { METRIC } from '../shared/adapters/metrics';

/** The metrics namespace of one city's stack (the functions' POWERTOOLS_METRICS_NAMESPACE). */
export const metricsNamespaceOf = (stackName: string) => `Cabas/${stackName}`;

/** The pipeline stages that write metrics, as the functions name them (createMetrics(stage)). */
const STAGES = ['api', 'ocr', 'match', 'credit'] as const;
const SERVICE = 'cabas';

export interface OperationsProps {
  namespace: string;
  functions: Record<string, lambda.IFunction>;
  /** The pipeline's queues and their dead-letter queues, by stage. */
  queues: Record<string, { queue: sqs.IQueue; dlq: sqs.IQueue }>;
  alarmTopic: sns.ITopic;
  /** Raise the review queue alarm when, over 6 hours, this many more receipts were held than decided. */
  reviewQueueGrowth: number;
}

/**
 * What an operator watches (issue #18): a CloudWatch dashboard of the pipeline (receipts created,
 * credited, refused by code, held for review; cashback; OCR time and errors; failures by stage;
 * queues and dead-letter queues; the functions' errors and durations), read from the metrics the
 * functions write in the embedded metric format (shared/adapters/metrics.ts), and the alarm on a
 * growing review queue beside the dead-letter queue alarms (infra/alarms.ts).
 */
export class Operations extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly reviewQueueAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const metric = (name: string, stage: string, statistic: string = cloudwatch.Stats.SUM, label?: string) =>
      new cloudwatch.Metric({
        namespace: props.namespace,
        metricName: name,
        dimensionsMap: { service: SERVICE, stage },
        statistic,
        period: Duration.hours(1),
        label: label ?? `${name} (${stage})`,
      });
    // A receipt is counted where it happens: created by the API, refused by any stage, held for
    // review by the match stage, decided by staff through the API, credited by the credit stage.
    const sumOverStages = (name: string, label: string, stages: readonly string[] = STAGES) => {
      // Ids unique across expressions: an alarm's expressions share one namespace of ids.
      const usingMetrics = Object.fromEntries(stages.map((s) => [`${name.charAt(0).toLowerCase()}${name.slice(1)}_${s}`, metric(name, s)]));
      return new cloudwatch.MathExpression({ expression: Object.keys(usingMetrics).join(' + '), usingMetrics, label, period: Duration.hours(1) });
    };
    const held = sumOverStages(METRIC.receiptsHeldForReview, 'Tickets mis en revue / held for review');
    const decided = sumOverStages(METRIC.reviewsDecided, 'Revues décidées / reviews decided');
    const refusedByCode = new cloudwatch.MathExpression({
      expression: `SEARCH('{${props.namespace},code,service,stage} MetricName="${METRIC.receiptsRefused}"', 'Sum', 3600)`,
      label: 'Refusés par code / refused by code',
      period: Duration.hours(1),
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${stackName}-operations`.slice(0, 255),
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.TextWidget({
            width: 24,
            height: 2,
            markdown: `# ${stackName}: receipts pipeline\nCounts per hour from the functions' metrics (namespace \`${props.namespace}\`). Runbook: docs/deploy.md.`,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Receipts: created, credited, held for review, reviewed',
            width: 12,
            left: [
              sumOverStages(METRIC.receiptsCreated, 'Créés / created'),
              sumOverStages(METRIC.receiptsCredited, 'Crédités / credited'),
              held,
              decided,
            ],
          }),
          new cloudwatch.GraphWidget({ title: 'Receipts refused, by code', width: 12, left: [refusedByCode] }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Cashback credited (cents per hour)',
            width: 8,
            left: [sumOverStages(METRIC.cashbackCredited, 'Cashback (centimes)')],
          }),
          new cloudwatch.GraphWidget({
            title: 'OCR: seconds per reading (p50, p90) and errors',
            width: 8,
            left: [metric(METRIC.ocrSeconds, 'ocr', 'p50', 'p50 (s)'), metric(METRIC.ocrSeconds, 'ocr', 'p90', 'p90 (s)')],
            right: [metric(METRIC.ocrErrors, 'ocr', cloudwatch.Stats.SUM, 'errors')],
          }),
          new cloudwatch.GraphWidget({
            title: 'Failed records by stage (retried, then DLQ)',
            width: 8,
            left: STAGES.filter((s) => s !== 'api').map((s) => metric(METRIC.stageErrors, s, cloudwatch.Stats.SUM, s)),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Queues: messages waiting, and in dead-letter queues',
            width: 12,
            left: Object.entries(props.queues).map(([stage, q]) => q.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM, label: `${stage} queue` })),
            right: Object.entries(props.queues).map(([stage, q]) => q.dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM, label: `${stage} DLQ` })),
          }),
          new cloudwatch.GraphWidget({
            title: 'Functions: errors and p90 duration',
            width: 12,
            left: Object.entries(props.functions).map(([name, fn]) => fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM, label: `${name} errors` })),
            right: Object.entries(props.functions).map(([name, fn]) => fn.metricDuration({ period: Duration.minutes(5), statistic: 'p90', label: `${name} p90 ms` })),
          }),
        ],
      ],
    });

    // The review queue grows when more receipts are held than staff decide: over 6 hours,
    // held - decided at or above the city's threshold. No request counts the queue itself.
    const growth = new cloudwatch.MathExpression({
      expression: 'FILL(h, 0) - FILL(d, 0)',
      usingMetrics: { h: sumOverStagesAt(held, Duration.hours(6)), d: sumOverStagesAt(decided, Duration.hours(6)) },
      label: 'held - decided over 6 h',
      period: Duration.hours(6),
    });
    this.reviewQueueAlarm = new cloudwatch.Alarm(this, 'ReviewQueueGrowingAlarm', {
      alarmName: `${stackName}-review-queue-growing`,
      alarmDescription: `Over 6 hours, at least ${props.reviewQueueGrowth} more receipts were held for staff review than staff decided: the review queue is growing (console, "Revue"). See docs/deploy.md.`,
      metric: growth,
      threshold: props.reviewQueueGrowth,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(props.alarmTopic);
    this.reviewQueueAlarm.addAlarmAction(action);
    this.reviewQueueAlarm.addOkAction(action);
  }
}

/** The same sum over stages, with another period. */
function sumOverStagesAt(expr: cloudwatch.MathExpression, period: Duration): cloudwatch.MathExpression {
  return expr.with({ period });
}
