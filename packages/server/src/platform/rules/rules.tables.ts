export interface RulesTable {
  /** e.g. 'shelters.m2_per_person'; a rule's key names its domain first. */
  key: string;
  /** JSON value, valid against the rule's schema. */
  value: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface RulesTables {
  rules: RulesTable;
}
