import type { DutyRole, ShelterGrade, ShelterType, TargetType } from '@yingji/contracts/shelters.ts';

/** 应急避难场所. Capacity is not stored: it follows from usable_area and the area-per-person rule in force. */
export interface SheltersTable {
  id: string;
  name: string;
  type: ShelterType;
  grade: ShelterGrade;
  /** 可用面积, m². */
  usable_area: number;
  /** JSON array of facility codes. */
  facilities: string;
  manager_name: string;
  manager_phone: string;
  address: string | null;
  note: string | null;
  lon: number;
  lat: number;
  /** Derived from lon/lat by the areas locator; the scope filter reads it. */
  area_code: string;
  /** 0/1. */
  open: number;
  occupancy: number;
  opened_at: string | null;
  /** 0/1: generated for the demo county. */
  demo: number;
  created_at: string;
  updated_at: string;
}

/** 重要防护目标. */
export interface ProtectionTargetsTable {
  id: string;
  name: string;
  type: TargetType;
  people: number | null;
  responsible_name: string;
  responsible_phone: string;
  address: string | null;
  note: string | null;
  lon: number;
  lat: number;
  area_code: string;
  demo: number;
  created_at: string;
  updated_at: string;
}

/** 三防责任人, 包保责任人 …: a person answering for a township or village, optionally for one shelter or target. */
export interface DutyHoldersTable {
  id: string;
  name: string;
  phone: string;
  role: DutyRole;
  title: string | null;
  area_code: string;
  shelter_id: string | null;
  target_id: string | null;
  note: string | null;
  demo: number;
  created_at: string;
  updated_at: string;
}

export interface SheltersTables {
  shelters: SheltersTable;
  protection_targets: ProtectionTargetsTable;
  duty_holders: DutyHoldersTable;
}
