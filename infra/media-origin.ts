import { Aws } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * An S3 origin read through origin access control that may read ONE prefix of its bucket. CDK's
 * `S3BucketOrigin.withOriginAccessControl` grants the distribution every object of the bucket
 * (`<bucket>/*`); the receipts bucket holds residents' receipts, so here the bucket policy names
 * the prefix only (`media/*`: the shops' photos' renditions), for this distribution only. A path
 * of the site outside `/media/*` never reaches this origin (its behaviour's pattern), and even a
 * request that did would be refused by S3.
 */
export class PrefixOnlyS3Origin extends S3BucketOrigin {
  constructor(
    private readonly source: s3.IBucket,
    private readonly prefix: string,
  ) {
    super(source);
  }

  override bind(scope: Construct, options: cloudfront.OriginBindOptions): cloudfront.OriginBindConfig {
    const oac = new cloudfront.S3OriginAccessControl(scope, 'S3OriginAccessControl', { description: `Cabas: reads ${this.prefix}* of the receipts bucket, nothing else` });
    this.source.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SiteReadsMediaPrefixOnly',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.source.arnForObjects(`${this.prefix}*`)],
        conditions: { StringEquals: { 'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${options.distributionId}` } },
      }),
    );
    const config = this._bind(scope, options);
    return { ...config, originProperty: { ...config.originProperty!, originAccessControlId: oac.originAccessControlId } };
  }
}
