package compliance

import "github.com/mlguard/mlguard/internal/rule"

// Title returns the short name of a control, or "" when mlguard does not know
// it (the registry test makes sure every control a rule maps to has one).
func Title(framework, id string) string { return titles[framework][id] }

// titles are the controls' names, shortened where the catalogue's are long.
var titles = map[string]map[string]string{
	rule.NIST80053: {
		"AC-2": "Account Management", "AC-3": "Access Enforcement", "AC-4": "Information Flow Enforcement",
		"AC-6": "Least Privilege", "AC-6(10)": "Least Privilege | Prohibit Non-privileged Users from Executing Privileged Functions",
		"AC-21": "Information Sharing", "AU-2": "Event Logging", "AU-9": "Protection of Audit Information",
		"AU-11": "Audit Record Retention", "AU-12": "Audit Record Generation", "CM-7": "Least Functionality",
		"CP-9": "System Backup", "IA-5(7)": "Authenticator Management | No Embedded Unencrypted Static Authenticators",
		"RA-5": "Vulnerability Monitoring and Scanning", "SC-7": "Boundary Protection",
		"SC-8": "Transmission Confidentiality and Integrity", "SC-8(1)": "Transmission Confidentiality and Integrity | Cryptographic Protection",
		"SC-12": "Cryptographic Key Establishment and Management", "SC-12(1)": "Cryptographic Key Establishment and Management | Availability",
		"SC-28": "Protection of Information at Rest", "SC-28(1)": "Protection of Information at Rest | Cryptographic Protection",
		"SI-2": "Flaw Remediation", "SI-7": "Software, Firmware, and Information Integrity", "SI-10": "Information Input Validation",
		"SI-12": "Information Management and Retention", "SI-15": "Information Output Filtering", "SR-11": "Component Authenticity",
	},
	rule.NISTCSF: {
		"ID.RA-01": "Vulnerabilities in assets are identified, validated, and recorded",
		"PR.AA-01": "Identities and credentials are managed",
		"PR.AA-05": "Access permissions are managed with least privilege and separation of duties",
		"PR.DS-01": "Data at rest is protected",
		"PR.DS-02": "Data in transit is protected",
		"PR.DS-10": "Data in use is protected",
		"PR.DS-11": "Backups of data are created, protected, maintained, and tested",
		"PR.IR-01": "Networks and environments are protected from unauthorized logical access",
		"PR.PS-01": "Configuration management practices are established and applied",
		"PR.PS-04": "Log records are generated and made available for continuous monitoring",
		"PR.PS-06": "Secure software development practices are integrated",
		"DE.CM-09": "Computing hardware, software, runtime environments and their data are monitored",
	},
	rule.ISO27001: {
		"A.5.15": "Access control", "A.5.17": "Authentication information", "A.5.18": "Access rights",
		"A.5.33": "Protection of records", "A.8.2": "Privileged access rights", "A.8.3": "Information access restriction",
		"A.8.4": "Access to source code", "A.8.8": "Management of technical vulnerabilities", "A.8.9": "Configuration management",
		"A.8.10": "Information deletion", "A.8.13": "Information backup", "A.8.15": "Logging", "A.8.16": "Monitoring activities",
		"A.8.20": "Networks security", "A.8.21": "Security of network services", "A.8.22": "Segregation of networks",
		"A.8.24": "Use of cryptography", "A.8.26": "Application security requirements", "A.8.28": "Secure coding",
		"A.8.32": "Change management",
	},
	rule.SOC2: {
		"CC6.1": "Logical access security over protected information assets",
		"CC6.3": "Access is authorized, modified and removed by role and least privilege",
		"CC6.6": "Logical access measures against threats from outside the system boundaries",
		"CC6.7": "Transmission, movement and removal of information is restricted and protected",
		"CC6.8": "Unauthorized or malicious software is prevented or detected",
		"CC7.1": "Configuration changes and vulnerabilities are detected and monitored",
		"CC7.2": "System components are monitored for anomalies",
		"A1.2":  "Data backup and recovery infrastructure",
		"C1.2":  "Confidential information is disposed of",
		"PI1.2": "System inputs are complete and accurate",
	},
	rule.AWSFSBP: {
		"SageMaker.1":      "SageMaker notebook instances should not have direct internet access",
		"SageMaker.2":      "SageMaker notebook instances should be launched in a custom VPC",
		"SageMaker.3":      "Users should not have root access to SageMaker notebook instances",
		"SageMaker.5":      "SageMaker models should have network isolation enabled",
		"S3.2":             "S3 general purpose buckets should block public read access",
		"S3.3":             "S3 general purpose buckets should block public write access",
		"S3.5":             "S3 general purpose buckets should require requests to use SSL",
		"S3.8":             "S3 general purpose buckets should block public access",
		"S3.14":            "S3 general purpose buckets should have versioning enabled",
		"S3.17":            "S3 general purpose buckets should be encrypted at rest with AWS KMS keys",
		"KMS.4":            "AWS KMS key rotation should be enabled",
		"KMS.5":            "KMS keys should not be publicly accessible",
		"EC2.18":           "Security groups should only allow unrestricted incoming traffic for authorized ports",
		"EC2.19":           "Security groups should not allow unrestricted access to ports with high risk",
		"ECR.1":            "ECR private repositories should have image scanning configured",
		"ECR.2":            "ECR private repositories should have tag immutability configured",
		"CloudTrail.2":     "CloudTrail should have encryption at-rest enabled",
		"S3.9":             "S3 general purpose buckets should have server access logging enabled",
		"CloudTrail.4":     "CloudTrail log file validation should be enabled",
		"IAM.1":            "IAM policies should not allow full \"*\" administrative privileges",
		"IAM.21":           "IAM customer managed policies should not allow wildcard actions for services",
		"SecretsManager.1": "Secrets Manager secrets should have automatic rotation enabled",
	},
}
