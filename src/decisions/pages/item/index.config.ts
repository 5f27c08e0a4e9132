export default definePageConfig({ navigationBarTitleText: '权力事项流程' });
