<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CatalogModel</name>
    <message numerus="yes">
        <source> after %n automatic retries</source>
        <translation>
            <numerusform> after %n automatic retry</numerusform>
            <numerusform> after %n automatic retries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message numerus="yes">
        <source>Connected. This app can list %n digital humans. Save to browse them.</source>
        <translation>
            <numerusform>Connected. This app can list %n digital human. Save to browse them.</numerusform>
            <numerusform>Connected. This app can list %n digital humans. Save to browse them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labels to {path}.</source>
        <translation>
            <numerusform>Exported %n label to {path}.</numerusform>
            <numerusform>Exported %n labels to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n labels from {path}.</source>
        <translation>
            <numerusform>Imported %n label from {path}.</numerusform>
            <numerusform>Imported %n labels from {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoneView</name>
    <message numerus="yes">
        <source>%n of them are among your favourites: kept as favourites, marked ★ here.</source>
        <translation>
            <numerusform>%n of them is among your favourites: kept as favourites, marked ★ here.</numerusform>
            <numerusform>%n of them are among your favourites: kept as favourites, marked ★ here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital humans are no longer listed by the service; shown as last synced.</source>
        <translation>
            <numerusform>%n digital human is no longer listed by the service; shown as last synced.</numerusform>
            <numerusform>%n digital humans are no longer listed by the service; shown as last synced.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
</context>
<context>
    <name>VoicesView</name>
    <message numerus="yes">
        <source>{shown} of %n public voices match</source>
        <translation>
            <numerusform>{shown} of %n public voice match</numerusform>
            <numerusform>{shown} of %n public voices match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n public voices</source>
        <translation>
            <numerusform>%n public voice</numerusform>
            <numerusform>%n public voices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <source>%n digital humans</source>
        <translation>
            <numerusform>%n digital human</numerusform>
            <numerusform>%n digital humans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital humans as synced {moment}</source>
        <translation>
            <numerusform>%n digital human as synced {moment}</numerusform>
            <numerusform>%n digital humans as synced {moment}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogExportView</name>
    <message numerus="yes">
        <source>Exporting %n digital humans and their voices…</source>
        <translation>
            <numerusform>Exporting %n digital human and their voices…</numerusform>
            <numerusform>Exporting %n digital humans and their voices…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n digital humans to {path}</source>
        <translation>
            <numerusform>Exported %n digital human to {path}</numerusform>
            <numerusform>Exported %n digital humans to {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
