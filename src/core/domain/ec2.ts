// EC2 host names: in the story's world the self-managed (source) brokers ran on EC2.
//   private: `ip-10-0-0-1.ec2.internal` (us-east-1), `ip-10-0-0-1.eu-west-1.compute.internal`
//   public:  `ec2-203-0-113-25.compute-1.amazonaws.com` (us-east-1),
//            `ec2-203-0-113-25.eu-west-1.compute.amazonaws.com`
// The public form spells exactly the four octets of the address, and a region label is followed by a dot.
const EC2_HOST = /(?:\.ec2\.internal|\.compute\.internal|^ec2-\d+-\d+-\d+-\d+\.(?:[a-z0-9-]+\.)?compute(?:-1)?\.amazonaws\.com)$/i;

export function isEc2Host(host: string): boolean {
  return EC2_HOST.test(host);
}
