import type { Role } from '@yingji/contracts/auth.ts';

/** Who is acting: what services receive instead of a request. */
export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  /** The area this actor is responsible for; everything they see lies within it. */
  areaCode: string;
}

/** The actor for CLI commands and start-up work run by the operator of the machine. */
export const SYSTEM_ACTOR: Actor = { userId: 'system', username: 'system', roles: ['admin'], areaCode: '' };
