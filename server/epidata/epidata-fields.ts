/** A row of the Epidata `covidcast` endpoint: Delphi's fields, in Delphi's order, and `provisional`. */
export interface EpidataRow {
  geo_value: string;
  signal: string;
  time_value: number;
  issue: number;
  lag: number;
  value: number | null;
  stderr: number | null;
  sample_size: number | null;
  missing_value: number;
  missing_stderr: number;
  missing_sample_size: number;
  /** True while time_value ends on the open day: its numbers will be published again. */
  provisional: boolean;
}

// Every field of a row, in order, for `fields`; the type holds the list to EpidataRow.
const ROW_FIELD_SET: Record<keyof EpidataRow, true> = {
  geo_value: true, signal: true, time_value: true, issue: true, lag: true, value: true, stderr: true, sample_size: true,
  missing_value: true, missing_stderr: true, missing_sample_size: true, provisional: true,
};
export const ROW_FIELDS = Object.keys(ROW_FIELD_SET);
