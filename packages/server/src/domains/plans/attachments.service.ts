import { createHash, randomUUID } from 'node:crypto';
import type fs from 'node:fs';
import type { PlanAttachment } from '@yingji/contracts/plans.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { fail } from '../../platform/errors.ts';
import { detectDocument, storedFileName, type AttachmentFiles } from './attachments.files.ts';
import type { PlansDeps } from './plans.deps.ts';
import { toAttachment } from './plans.mappers.ts';
import { assertMayEdit } from './plans.policy.ts';
import { attachmentsRepo } from './plans.repo.ts';
import { PLAN_ATTACHMENT_MAX_BYTES } from './plans.rules-config.ts';
import type { PlansService } from './plans.service.ts';
import type { PlanTx, PlanWriter } from './plans.writer.ts';

/**
 * 预案附件: the plan's text as PDF or Word files. The file's kind is judged from its content; its size against the
 * configurable limit. Files are stored under the data directory; rows, timeline and audit go in one transaction.
 */
export class AttachmentsService {
  constructor(
    private readonly deps: PlansDeps,
    private readonly writer: PlanWriter,
    private readonly files: AttachmentFiles,
    private readonly plans: PlansService,
  ) {}

  /** The plan locked for an attachment change: editable by the actor, and not a replaced version. */
  private async editable(tx: PlanTx, planId: string) {
    const row = await tx.locked(planId);
    assertMayEdit(tx.actor, { category: row.category, areaCode: row.area_code });
    if (row.state === 'superseded') fail('PLAN_NOT_EDITABLE', { state: row.state }, '已废止的预案版本不能再修改附件');
    return row;
  }

  async upload(actor: Actor, planId: string, file: { fileName: string; data: Buffer }): Promise<PlanAttachment> {
    const plan = await this.plans.row(actor, planId);
    assertMayEdit(actor, { category: plan.category, areaCode: plan.area_code });
    const maxBytes = await this.deps.rules.get(PLAN_ATTACHMENT_MAX_BYTES);
    if (file.data.length > maxBytes) {
      const message = `附件 ${(file.data.length / 1048576).toFixed(1)} MB，超过上限 ${(maxBytes / 1048576).toFixed(1)} MB`;
      fail('PLAN_ATTACHMENT_TOO_LARGE', { size: file.data.length, maxBytes }, message);
    }
    const detected = detectDocument(file.data);
    if (!detected) fail('PLAN_ATTACHMENT_TYPE', { fileName: file.fileName, size: file.data.length });
    const id = randomUUID();
    // Written before the transaction (which then holds no file I/O), removed again if the transaction fails.
    const relative = await this.files.write(planId, id, detected.extension, file.data);
    try {
      return await this.writer.transact(actor, async (tx) => {
        const row = await this.editable(tx, planId);
        const stored = {
          id,
          plan_id: planId,
          file_name: storedFileName(file.fileName, detected),
          kind: detected.kind,
          content_type: detected.contentType,
          size: file.data.length,
          sha256: createHash('sha256').update(file.data).digest('hex'),
          path: relative,
          uploaded_by: actor.username,
          uploaded_at: this.deps.clock.now().toISOString(),
        };
        await attachmentsRepo.insert(tx.trx, stored);
        const attachment = toAttachment(stored);
        await tx.apply(row, 'attachment_add', { changes: {}, note: attachment.fileName, details: { attachment } });
        return attachment;
      });
    } catch (error) {
      await this.files.removeAll([relative]);
      throw error;
    }
  }

  async remove(actor: Actor, planId: string, attachmentId: string): Promise<void> {
    const relative = await this.writer.transact(actor, async (tx) => {
      const row = await this.editable(tx, planId);
      const attachment = await attachmentsRepo.byId(tx.trx, planId, attachmentId);
      if (!attachment) fail('PLAN_ATTACHMENT_NOT_FOUND', { id: attachmentId });
      await attachmentsRepo.remove(tx.trx, attachmentId);
      await tx.apply(row, 'attachment_remove', {
        changes: {},
        note: attachment.file_name,
        details: { attachment: toAttachment(attachment) },
      });
      return attachment.path;
    });
    await this.files.removeAll([relative]);
  }

  /** The file to send: its metadata and a stream of its bytes. */
  async open(actor: Actor, planId: string, attachmentId: string): Promise<{ attachment: PlanAttachment; stream: fs.ReadStream }> {
    await this.plans.row(actor, planId);
    const row = await attachmentsRepo.byId(this.deps.db.kysely, planId, attachmentId);
    const stream = row ? this.files.open(row.path) : null;
    if (!row || !stream) fail('PLAN_ATTACHMENT_NOT_FOUND', { id: attachmentId });
    return { attachment: toAttachment(row), stream };
  }
}
