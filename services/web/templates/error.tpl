{{%AUTOESCAPE context="HTML"}}
<p>{{DETAIL}}</p>
<p><a href="/panoramica">Torna alla panoramica</a></p>
