{{- define "releasegate.labels" -}}
app.kubernetes.io/name: releasegate
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "releasegate.selectorLabels" -}}
app.kubernetes.io/name: releasegate
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The Lease this installation's replicas compete for: one per installation, so shards each
     elect their own leader. */}}
{{- define "releasegate.leaseName" -}}
{{ .Values.leaderElection.leaseName | default .Release.Name }}
{{- end -}}

{{/*
What the operator calls on the releases' side, and nothing more. The test that drives the operator
through its lifecycle on a real API server (ChartRbacIT) reads every request it made from the
server's audit log and fails when these rules grant one verb more or one less.
*/}}
{{- define "releasegate.operatorRules" -}}
# ModelReleases: watched, never written; only their status is.
- apiGroups: ["releasegate.dev"]
  resources: ["modelreleases"]
  verbs: ["list", "watch"]
- apiGroups: ["releasegate.dev"]
  resources: ["modelreleases/status"]
  verbs: ["patch"]
# The objects it owns name their release with blockOwnerDeletion, which the
# OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift) allows only to those who
# may update the owner's finalizers. The operator never sets a finalizer itself.
- apiGroups: ["releasegate.dev"]
  resources: ["modelreleases/finalizers"]
  verbs: ["update"]
# One Deployment per model version, applied server-side: an apply that creates the object is
# authorised as create, one that changes it as patch. Before creating one, the operator reads the
# name (get) so that it never takes over an object it did not create for the release. Versions no
# longer needed are deleted.
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# One Service per release (two with the Gateway API router), applied server-side, read by name
# before it is created, like Deployments.
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "patch"]
# Evidence ConfigMaps are read from a watch (RBAC cannot narrow it to the evidence label); packet
# records are created once and never updated; each release's audit trail is read by name and
# updated to add acts (RBAC cannot narrow get and update to names not known in advance).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
# The Gateway API and KServe routers read the HTTPRoutes and InferenceServices releases name and
# patch only their weights and model; they never create or delete them. On a cluster without those
# CRDs the operator never watches them and these rules go unused.
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["httproutes"]
  verbs: ["list", "watch", "patch"]
- apiGroups: ["serving.kserve.io"]
  resources: ["inferenceservices"]
  verbs: ["list", "watch", "patch"]
{{- if .Values.analysis.readHeaderSecrets }}
# Analysis metrics of provider http may send headers from a Secret (spec.analysis.metrics[].http
# .headersSecret). Reading Secrets is a wide grant, so it is off unless a team needs it.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end }}
{{- end -}}
