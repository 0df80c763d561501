{{%AUTOESCAPE context="HTML"}}
{{#SENTENCE}}<p>{{TEXT}}</p>{{/SENTENCE}}
{{#DETAIL}}<p>Dettaglio: <span lang="en">{{DETAIL_TEXT}}</span></p>{{/DETAIL}}
<p><a href="/panoramica">Torna alla panoramica</a></p>
