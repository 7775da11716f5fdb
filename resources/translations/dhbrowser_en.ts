<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
