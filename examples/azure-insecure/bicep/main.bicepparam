using './main.bicep'

param workspaceName = 'ml-platform'
param publicAccess = 'Enabled'
