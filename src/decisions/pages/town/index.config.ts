export default definePageConfig({ navigationBarTitleText: '各村民主决策情况' });
