export { type ClassifyOptions, classifyTopics, type TopicModel, trainTopicModel } from './classify.ts';
export { DEFAULT_TAXONOMY } from './default-taxonomy.ts';
export { indonesianStems, type Taxonomy, type Topic, type TopicScore } from './taxonomy.ts';
