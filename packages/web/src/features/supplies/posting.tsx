import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';

/**
 * Posting a stock document from a dialog: `run` marks it saving and keeps the server's refusal (库存不足, 批次不存在 …)
 * as `failure` while the form stays as the user filled it. The failure is cleared whenever `openedAs` changes.
 */
export function usePosting(openedAs: unknown) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => setFailure(null), [openedAs]);

  const run = async (post: () => Promise<void>) => {
    setSaving(true);
    setFailure(null);
    try {
      await post();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return { saving, failure, setFailure, run };
}

export function PostingFailure({ failure, testId }: { failure: string | null; testId?: string }) {
  return failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid={testId} /> : null;
}
