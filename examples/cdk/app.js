const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const s3 = require('aws-cdk-lib/aws-s3');
const kms = require('aws-cdk-lib/aws-kms');
const sagemaker = require('aws-cdk-lib/aws-sagemaker');

class Storage extends cdk.NestedStack {
  constructor(scope, id, props) {
    super(scope, id, props);
    this.bucket = new s3.Bucket(this, 'Data', { versioned: false });
    // A value the parent stack passes as a parameter of the nested stack.
    const versioning = new cdk.CfnParameter(this, 'Versioning', { type: 'String' });
    new s3.CfnBucket(this, 'Models', { versioningConfiguration: { status: versioning.valueAsString } });
  }
}

class MlStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const role = new iam.Role(this, 'NotebookRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')],
    });
    const key = new kms.Key(this, 'Key', { enableKeyRotation: false });
    new sagemaker.CfnNotebookInstance(this, 'Notebook', {
      instanceType: 'ml.t3.medium',
      roleArn: role.roleArn,
      directInternetAccess: 'Enabled',
      kmsKeyId: key.keyId,
    });
    const storage = new Storage(this, 'Storage', { parameters: { Versioning: 'Suspended' } });
    storage.bucket.grantRead(role);
  }
}

const app = new cdk.App({ outdir: 'cdk.out', context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:version-reporting': true } });
new MlStack(app, 'MlPlatform');
app.synth();
