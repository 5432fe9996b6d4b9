import { useI18n } from '../i18n/react';

/** The portfolio board (being built): every run of the workspace on one board of the seven stages. */
export default function PortfolioPage() {
  const { t } = useI18n();
  return (
    <main className="app-main">
      <h1>{t('portfolio.title')}</h1>
    </main>
  );
}
