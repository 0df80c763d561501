{{%AUTOESCAPE context="HTML"}}
<p>L'Unione delle Terre d'Argine si impegna a rendere accessibile questa applicazione in conformità alla Legge 9 gennaio 2004, n. 4, e alle Linee guida AgID sull'accessibilità degli strumenti informatici, che richiedono il livello AA delle WCAG 2.1.</p>
<h2>Stato di conformità</h2>
<p>Ogni pagina è verificata automaticamente con axe-core per i criteri WCAG 2.1 di livello A e AA; la griglia di inserimento si usa interamente da tastiera; gli errori dei moduli sono annunciati e legati ai rispettivi campi. I grafici hanno un titolo, una descrizione e una tabella con gli stessi dati.</p>
<h2>Segnalazioni</h2>
<p>Per segnalare un problema di accessibilità scrivere all'ufficio Pianificazione e controllo dell'Unione; in caso di risposta insoddisfacente è possibile rivolgersi al Difensore civico per il digitale presso AgID.</p>
