-- Argo CD health check for releasegate's ModelRelease (releasegate.dev/v1alpha1).
-- Install it under the key resource.customizations.health.releasegate.dev_ModelRelease of the
-- argocd-cm ConfigMap; see docs/operations.md ("GitOps").
--
-- Healthy: the approved version serves all traffic (Promoted, Released).
-- Progressing: the operator is working towards it (Pending, Progressing, or a spec it has not
--   seen yet).
-- Suspended: waiting on a person (AwaitingGates: sign-offs or evidence; Paused: a pause
--   annotation, a step that holds until promoted, or promotion sign-offs).
-- Degraded: a person must act (RolledBack, Invalid).
local health = {
  Promoted = "Healthy",
  Released = "Healthy",
  Pending = "Progressing",
  Progressing = "Progressing",
  AwaitingGates = "Suspended",
  Paused = "Suspended",
  RolledBack = "Degraded",
  Invalid = "Degraded",
}

local hs = {}
local status = obj.status
if status == nil or status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for releasegate to evaluate the release"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for releasegate to act on generation " .. tostring(generation)
  return hs
end

hs.status = health[status.phase] or "Unknown"
if status.message ~= nil then
  hs.message = status.phase .. ": " .. status.message
else
  hs.message = status.phase
end
return hs
