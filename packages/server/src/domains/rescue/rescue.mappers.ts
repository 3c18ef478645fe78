import type { Certificate, Equipment, Expert, ExpertField, Member, Team } from '@yingji/contracts/rescue.ts';
import type { EquipmentRow } from './equipment.repo.ts';
import type { ExpertRow } from './experts.repo.ts';
import type { CertificateRow, MemberRow } from './members.repo.ts';
import type { TeamRow } from './teams.repo.ts';

export function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    level: row.level,
    specialty: row.specialty,
    baseAddress: row.base_address,
    lon: Number(row.lon),
    lat: Number(row.lat),
    areaCode: row.area_code,
    leaderName: row.leader_name,
    leaderPhone: row.leader_phone,
    dutyPhone: row.duty_phone,
    dutyState: row.duty_state,
    remarks: row.remarks,
    memberCount: row.member_count,
    equipmentCount: row.equipment_count,
    demo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** `today` (YYYY-MM-DD, Asia/Shanghai) decides which certificates have expired. */
export function toCertificate(row: CertificateRow, today: string): Certificate {
  return {
    name: row.name,
    number: row.number,
    expiresOn: row.expires_on,
    expired: row.expires_on !== null && row.expires_on < today,
  };
}

export function toMember(row: MemberRow, certificates: CertificateRow[], today: string): Member {
  return {
    id: row.id,
    teamId: row.team_id,
    teamName: row.team_name,
    areaCode: row.area_code,
    name: row.name,
    gender: row.gender,
    phone: row.phone,
    position: row.position,
    skills: JSON.parse(row.skills) as string[],
    certificates: certificates.map((c) => toCertificate(c, today)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toExpert(row: ExpertRow): Expert {
  return {
    id: row.id,
    name: row.name,
    fields: JSON.parse(row.fields) as ExpertField[],
    title: row.title,
    organisation: row.organisation,
    phone: row.phone,
    available: row.available === 1,
    availabilityNote: row.availability_note,
    lon: Number(row.lon),
    lat: Number(row.lat),
    areaCode: row.area_code,
    remarks: row.remarks,
    demo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toEquipment(row: EquipmentRow): Equipment {
  return {
    id: row.id,
    kind: row.kind,
    model: row.model,
    quantity: Number(row.quantity),
    unit: row.unit,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    state: row.state,
    maintenanceDue: row.maintenance_due,
    lastMaintained: row.last_maintained,
    areaCode: row.area_code,
    remarks: row.remarks,
    demo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
