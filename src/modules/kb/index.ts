export { kbRoutes } from './kb.routes.ts';
export { createArticle, getArticle, updateArticle } from './articles.service.ts';
export { createCategory } from './catalog.service.ts';
export { searchKnowledgeBase, type SearchResult } from './search.service.ts';
export type { ArticleView, CreateArticleInput } from './kb.schemas.ts';
export { demoArticles, loadDemoKnowledgeBase } from './demo/load-demo-kb.ts';
