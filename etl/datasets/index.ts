import type { Dataset } from '@/lib/domain';
import { ActivitiesProcessor } from './activities';
import { AwardsProcessor } from './awards';
import { ScoresProcessor } from './scores';
import { UnitsProcessor } from './units';
import type { DatasetContext, DatasetProcessor } from './types';

export function createProcessor(dataset: Dataset, ctx: DatasetContext): DatasetProcessor {
  switch (dataset) {
    case 'activities':
      return new ActivitiesProcessor(ctx);
    case 'units':
      return new UnitsProcessor(ctx);
    case 'awards':
      return new AwardsProcessor(ctx);
    case 'scores':
      return new ScoresProcessor(ctx);
  }
}
