// Words of the API that the pages offer as choices.
export const ANALYSIS_TYPES = ['data_interpretation', 'trend_analysis', 'process_analysis', 'optimization_review', 'custom_analysis'];
export const STATUSES = ['queued', 'running', 'awaiting_approval', 'completed', 'failed', 'cancelled', 'rejected'];
export const TERMINAL = ['completed', 'failed', 'cancelled', 'rejected'];
export const PRIORITIES = ['normal', 'high', 'low'];
export const STRATEGIES = ['sequential', 'parallel', 'hierarchical', 'consensus'];
