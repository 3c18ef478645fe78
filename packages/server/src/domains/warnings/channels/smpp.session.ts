// One bound SMPP 3.4 transceiver session over the `smpp` package, with what the package leaves out: a window of
// outstanding requests, response time-outs, enquire_link keep-alive, and failing every waiting request when the
// connection goes. The package matches responses to requests by sequence_number, so any number may be outstanding.
import smpp, { type PDU, type Session } from 'smpp';

export interface SmppEndpoint {
  host: string;
  port: number;
  tls?: boolean;
  systemId: string;
  password: string;
}

export interface SessionOptions extends SmppEndpoint {
  /** submit_sm outstanding at once. */
  window: number;
  /** A request unanswered this long means the session is dead: it is dropped. */
  responseTimeoutMs: number;
  /** Connecting and binding together. */
  bindTimeoutMs: number;
  /** Idle keep-alive interval (enquire_link). */
  enquireLinkMs: number;
  /** deliver_sm from the SMSC (receipts); the session has already answered it. */
  onDeliverSm: (pdu: PDU) => void;
  /** Called once when the connection is gone, unless close() was called first. */
  onLost: (reason: string) => void;
}

/** The session went away (or never answered) while the request was outstanding or waiting for the window. */
export class SessionLostError extends Error {
  override name = 'SessionLostError';
}

/** The SMSC answered the bind with an error (wrong system_id or password, already bound, …). */
export class BindRefusedError extends Error {
  override name = 'BindRefusedError';
  constructor(readonly status: number) {
    super(`短信网关拒绝登录 (bind_transceiver command_status 0x${status.toString(16).padStart(8, '0')})`);
  }
}

interface Outstanding {
  resolve: (response: PDU) => void;
  reject: (error: Error) => void;
  deadline: number;
  windowed: boolean;
}

export class BoundSession {
  private readonly outstanding = new Map<number, Outstanding>();
  private readonly windowWaiters: Array<(granted: boolean) => void> = [];
  private inWindow = 0;
  private lost: string | undefined;
  /** Bound successfully: only then is a loss worth reporting (a failed open is reported by open() itself). */
  private established = false;
  private closing = false;
  private lastActivity = performance.now();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly session: Session,
    private readonly options: SessionOptions,
  ) {
    session.on('deliver_sm', (pdu: PDU) => {
      this.lastActivity = performance.now();
      session.send(pdu.response());
      options.onDeliverSm(pdu);
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      this.lose('短信网关主动解除绑定 (unbind)');
      session.close();
    });
    session.on('pdu', () => (this.lastActivity = performance.now()));
    session.on('error', (error: Error) => this.lose(`短信网关连接出错: ${error.message}`));
    session.on('close', () => this.lose('短信网关连接已断开'));
    this.timer = setInterval(() => this.tick(), Math.min(1000, options.responseTimeoutMs));
    this.timer.unref();
  }

  /** Connects and binds as a transceiver; rejects when the SMSC cannot be reached or refuses the bind. */
  static async open(options: SessionOptions): Promise<BoundSession> {
    const session = smpp.connect({ host: options.host, port: options.port, tls: options.tls ?? false });
    session.socket.setNoDelay(true);
    const bound = new BoundSession(session, options);
    let connectTimer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        session.once(options.tls ? 'secureConnect' : 'connect', resolve);
        session.once('error', reject);
        session.once('close', () => reject(new SessionLostError('短信网关连接已断开')));
        connectTimer = setTimeout(() => reject(new SessionLostError('连接短信网关超时')), options.bindTimeoutMs);
      });
      clearTimeout(connectTimer);
      const response = await bound.request(
        'bind_transceiver',
        { system_id: options.systemId, password: options.password, interface_version: 0x34 },
        { timeoutMs: options.bindTimeoutMs },
      );
      if (response.command_status !== 0) throw new BindRefusedError(response.command_status);
      bound.established = true;
    } catch (error) {
      clearTimeout(connectTimer);
      bound.lose('绑定失败');
      session.destroy();
      throw error;
    }
    return bound;
  }

  /** Why the session is gone; undefined while it is up. */
  get lostReason(): string | undefined {
    return this.lost;
  }

  get isOpen(): boolean {
    return this.lost === undefined && !this.closing;
  }

  /**
   * Takes a window slot for one submit_sm: true at once while fewer than `window` are outstanding, otherwise a promise
   * of true when one is freed; false (or a promise of false) when the session is gone.
   */
  takeSlot(): boolean | Promise<boolean> {
    if (!this.isOpen) return false;
    if (this.inWindow < this.options.window) {
      this.inWindow += 1;
      return true;
    }
    return new Promise((resolve) => this.windowWaiters.push(resolve));
  }

  /** Sends submit_sm in a slot taken with takeSlot(); resolves with submit_sm_resp (or generic_nack), any status. */
  submit(fields: Record<string, unknown>): Promise<PDU> {
    return this.request('submit_sm', fields, { windowed: true });
  }

  private request(
    command: string,
    fields: Record<string, unknown>,
    { windowed = false, timeoutMs = this.options.responseTimeoutMs } = {},
  ): Promise<PDU> {
    return new Promise((resolve, reject) => {
      if (this.lost !== undefined) {
        if (windowed) this.releaseSlot();
        reject(new SessionLostError(this.lost));
        return;
      }
      const pdu = new smpp.PDU(command, fields);
      const sent = this.session.send(pdu, (response) => this.answered(response));
      if (!sent) {
        if (windowed) this.releaseSlot();
        reject(new SessionLostError('短信网关连接不可写'));
        return;
      }
      this.lastActivity = performance.now();
      this.outstanding.set(pdu.sequence_number, {
        resolve,
        reject,
        windowed,
        deadline: this.lastActivity + timeoutMs,
      });
    });
  }

  private answered(response: PDU): void {
    const entry = this.outstanding.get(response.sequence_number);
    if (!entry) return;
    this.outstanding.delete(response.sequence_number);
    // Resolve first: the sender sees this answer (a throttle, say) before a waiting submit gets the freed slot.
    entry.resolve(response);
    if (entry.windowed) this.releaseSlot();
  }

  /** Gives back a slot taken with takeSlot() but not used. */
  releaseSlot(): void {
    const next = this.windowWaiters.shift();
    if (next) next(true);
    else this.inWindow -= 1;
  }

  /** Time-outs (the oldest outstanding request first: sequence numbers only grow) and the idle keep-alive. */
  private tick(): void {
    const now = performance.now();
    const oldest = this.outstanding.values().next().value;
    if (oldest && oldest.deadline < now) {
      this.lose('短信网关应答超时');
      this.session.destroy();
      return;
    }
    if (this.isOpen && now - this.lastActivity > this.options.enquireLinkMs) {
      this.request('enquire_link', {}).catch(() => undefined);
    }
  }

  /** Fails everything outstanding or waiting, once, and reports the loss unless we were closing on purpose. */
  private lose(reason: string): void {
    if (this.lost !== undefined) return;
    this.lost = reason;
    clearInterval(this.timer);
    const error = new SessionLostError(reason);
    for (const entry of this.outstanding.values()) entry.reject(error);
    this.outstanding.clear();
    for (const waiter of this.windowWaiters.splice(0)) waiter(false);
    if (this.established && !this.closing) this.options.onLost(reason);
  }

  /** Unbinds politely (waiting briefly for unbind_resp), then closes the connection. */
  async close(): Promise<void> {
    if (this.lost !== undefined) return;
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.session.socket.once('close', () => resolve()));
    const unbind = this.session.send(new smpp.PDU('unbind', {}), () => this.session.close());
    if (!unbind) this.session.destroy();
    const timeout = setTimeout(() => this.session.destroy(), 2000);
    await closed;
    clearTimeout(timeout);
    this.lose('会话已关闭');
  }
}
