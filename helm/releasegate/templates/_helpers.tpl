{{- define "releasegate.labels" -}}
app.kubernetes.io/name: releasegate
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
