-- When the agent's RestartExecuted for a restart arrived. The pacer's tokens come back 60 s after that (not
-- 60 s after the decision), so a command that reaches its agent late never crowds a cluster's window; after
-- a crash the pacer is rebuilt from these times, and restarts never reported hold their tokens until their
-- command expired and 60 s more.
ALTER TABLE workload_restart ADD COLUMN executed_at TIMESTAMPTZ;
