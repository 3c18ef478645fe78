import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';

/**
 * An antd form rule that checks a value with the contract's own zod schema, so a form says exactly what the
 * server would say and the rule is written once. Empty input counts as "not given" and is left to `required`.
 */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** Form text → API value: a cleared optional field is sent as null, not as an empty string. */
export function orNull<T>(value: T | '' | undefined | null): T | null {
  return value === undefined || value === '' ? null : value;
}

/**
 * The form's values, or null when a field is invalid. antd rejects on invalid input and marks the fields itself;
 * swallowing that rejection here keeps it from surfacing as an unhandled promise error.
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
