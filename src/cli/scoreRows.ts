/** The per-rule score table's columns and rows, shared by `score`'s table, CSV and HTML outputs. */
import { type ScoreReport, showPermille } from '../simulate/index.js'

export const ruleHeaders = [
  'rule',
  'planted',
  'TP',
  'FP',
  'FP honest',
  'FP decoy',
  'misses',
  'precision',
  'recall',
  'F1',
]

export const ruleRow = (r: ScoreReport['rules'][number]): string[] => [
  r.rule,
  String(r.planted),
  String(r.truePositives),
  String(r.falsePositives),
  String(r.onHonest),
  String(r.onDecoys),
  String(r.misses),
  showPermille(r.precision),
  showPermille(r.recall),
  showPermille(r.f1),
]
