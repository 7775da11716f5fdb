<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CatalogView</name>
    <message>
        <source>Digital humans</source>
        <extracomment>The card menu for the card at `index`, to open at the global point (mouse or keyboard).</extracomment>
        <translation>数字人</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n 个动作</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labels to {path}.</source>
        <translation>
            <numerusform>已将 %n 个别名导出到 {path}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n labels from {path}.</source>
        <translation>
            <numerusform>已从 {path} 导入 %n 个别名。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Select a digital human</source>
        <translation>请选择一个数字人</translation>
    </message>
    <message>
        <source>This digital human has no actions, so there is nothing to preview.</source>
        <translation>此数字人没有动作，因此没有可预览的内容。</translation>
    </message>
    <message>
        <source> (no preview)</source>
        <translation>（无预览）</translation>
    </message>
    <message>
        <source>Copy</source>
        <extracomment>The Copy button&apos;s two states (English; translated where shown).</extracomment>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>已复制 ✓</translation>
    </message>
    <message>
        <source>Portrait</source>
        <extracomment>Below this width the panel is a narrow inspector: the portrait (already on the card) gives its room to the preview. The action list is as tall as this many whole rows at most (fewer actions: fewer rows), or COMPACT_ACTION_ROWS in a panel lower than COMPACT_HEIGHT, where the media need it. Portrait aspect (width:height) of the demo and ZEGO&apos;s own avatars; the view keeps any aspect. How an action name is shown: with the user&apos;s label (gui.labels) where set.</extracomment>
        <translation>头像</translation>
    </message>
    <message>
        <source>The DigitalHumanId to use in API calls</source>
        <translation>调用 API 时使用的 DigitalHumanId</translation>
    </message>
    <message>
        <source>DigitalHumanId</source>
        <translation>DigitalHumanId</translation>
    </message>
    <message>
        <source>Copy the DigitalHumanId to the clipboard</source>
        <translation>将 DigitalHumanId 复制到剪贴板</translation>
    </message>
    <message>
        <source>Copy DigitalHumanId</source>
        <translation>复制 DigitalHumanId</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>Select an action to play its preview (Enter plays, Space pauses)</source>
        <translation>选择一个动作以播放其预览（Enter 播放，空格暂停）</translation>
    </message>
    <message>
        <source>No actions to preview</source>
        <translation>没有可预览的动作</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>公共</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>私有</translation>
    </message>
    <message>
        <source>A public avatar provided by ZEGOCLOUD</source>
        <translation>ZEGOCLOUD 提供的公共数字人</translation>
    </message>
    <message>
        <source>This app&apos;s own (private) avatar</source>
        <translation>此应用自己的（私有）数字人</translation>
    </message>
    <message>
        <source>Loading portrait…</source>
        <translation>正在加载头像…</translation>
    </message>
</context>
<context>
    <name>GoToIdDialog</name>
    <message>
        <source>Go to id</source>
        <translation>转到 ID</translation>
    </message>
    <message>
        <source>Paste a DigitalHumanId or a TimbreId</source>
        <translation>粘贴 DigitalHumanId 或 TimbreId</translation>
    </message>
    <message>
        <source>dhbrowser asks this app&apos;s endpoint, whatever the filter shows.</source>
        <translation>无论筛选条件如何，dhbrowser 都会向此应用的接入地址查询。</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>转到</translation>
    </message>
    <message>
        <source>DigitalHumanId or TimbreId</source>
        <translation>DigitalHumanId 或 TimbreId</translation>
    </message>
    <message>
        <source>Paste an id first.</source>
        <translation>请先粘贴一个 ID。</translation>
    </message>
    <message>
        <source>Not connected yet: wait for the catalog to load, then retry.</source>
        <translation>尚未连接：请等待目录加载完成后重试。</translation>
    </message>
    <message>
        <source>Looking up “{text}”…</source>
        <translation>正在查找“{text}”…</translation>
    </message>
</context>
<context>
    <name>GoneModel</name>
    <message>
        <source>
One of your favourites: kept, but gone from the service</source>
        <translation>
你的收藏之一：已保留，但已从服务消失</translation>
    </message>
    <message>
        <source>{name}
{id}
Last listed {moment}{flag}</source>
        <translation>{name}
{id}
最后列出于 {moment}{flag}</translation>
    </message>
    <message>
        <source>gone, last listed {moment}</source>
        <translation>已消失，最后列出于 {moment}</translation>
    </message>
    <message>
        <source>{gone}, favourite</source>
        <translation>{gone}，已收藏</translation>
    </message>
</context>
<context>
    <name>GoneView</name>
    <message>
        <source>Gone from the service</source>
        <translation>已从服务消失</translation>
    </message>
    <message>
        <source>Digital humans gone from the service</source>
        <translation>已从服务消失的数字人</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>No digital human has gone from the service since the first sync.</source>
        <translation>自第一次同步以来，没有数字人从服务中消失。</translation>
    </message>
    <message numerus="yes">
        <source>%n of them are among your favourites: kept as favourites, marked ★ here.</source>
        <translation>
            <numerusform>其中 %n 个是你的收藏：仍保留为收藏，在此标记为 ★。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital humans are no longer listed by the service; shown as last synced.</source>
        <translation>
            <numerusform>%n 个数字人已不再被服务列出；按上次同步时的状态显示。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <extracomment>The QSettings key of the user&apos;s choice; absent: follow the system. Qt&apos;s own catalogue, for the texts of Qt&apos;s dialogs (Cancel, Copy, Select All…).</extracomment>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used when dhbrowser restarts.</source>
        <translation>重新启动 dhbrowser 后使用新的语言。</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <source>Tags and note</source>
        <extracomment>Lines of the note field before it scrolls.</extracomment>
        <translation>标签和备注</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>标签，用逗号分隔</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>A note: what this human is for, who asked…</source>
        <translation>备注：此数字人的用途、谁要求的……</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ProfilesMenu</name>
    <message>
        <source>The built-in sample catalog; no account needed.</source>
        <extracomment>The open &quot;Remove profile?&quot; question or keyring error, if any (tests answer it).</extracomment>
        <translation>内置的示例目录；无需账号。</translation>
    </message>
    <message>
        <source>Your apps</source>
        <translation>你的应用</translation>
    </message>
    <message>
        <source>{name}  (AppId {app_id})</source>
        <translation>{name}  （AppId {app_id}）</translation>
    </message>
    <message>
        <source>&amp;Connect an app…</source>
        <translation>连接应用(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Remove profile</source>
        <translation>删除配置(&amp;R)</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>删除配置</translation>
    </message>
    <message>
        <source>Remove the profile {name!r}?</source>
        <translation>删除配置 {name!r}？</translation>
    </message>
    <message>
        <source>Its ServerSecret is deleted from the system keyring; to use this app again you will need the secret from the ZEGOCLOUD console.</source>
        <translation>其 ServerSecret 会从系统密钥环中删除；以后再使用此应用时，需要从 ZEGOCLOUD 控制台重新获取密钥。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The ServerSecret of {name!r} was deleted, but the profile stays listed: the settings file could not be changed.</source>
        <translation>{name!r} 的 ServerSecret 已删除，但配置仍在列表中：无法修改设置文件。</translation>
    </message>
    <message>
        <source>The profile {name!r} was kept: its ServerSecret could not be deleted.</source>
        <translation>已保留配置 {name!r}：无法删除其 ServerSecret。</translation>
    </message>
</context>
<context>
    <name>StoreLink</name>
    <message>
        <source>The catalog stored on this computer could not be read: {problem}</source>
        <translation>无法读取保存在这台电脑上的目录：{problem}</translation>
    </message>
    <message>
        <source>Your change could not be saved on this computer: {problem}</source>
        <translation>你的修改无法保存在这台电脑上：{problem}</translation>
    </message>
    <message>
        <source>The catalog could not be stored on this computer: {problem}</source>
        <translation>目录无法保存在这台电脑上：{problem}</translation>
    </message>
</context>
<context>
    <name>VoicesSection</name>
    <message>
        <source>No voices are bound to this private digital human. ZEGOCLOUD pairs a private human with its own voices: ask ZEGOCLOUD to bind one.</source>
        <extracomment>A voice&apos;s picture is an avatar-sized image; anything this large is not one. Pixmaps kept in memory (small: 48 px squares), and humans whose voice lists are kept.</extracomment>
        <translation>没有音色绑定到此私有数字人。ZEGOCLOUD 为私有数字人配对其专属音色：请联系 ZEGOCLOUD 绑定一个。</translation>
    </message>
    <message>
        <source>This app lists no public voices.</source>
        <translation>此应用没有列出公共音色。</translation>
    </message>
    <message>
        <source>Voices (00 public)</source>
        <extracomment>The caption&apos;s room beside the copy buttons: a common count shows whole, a longer elides.</extracomment>
        <translation>音色（00 个公共）</translation>
    </message>
    <message>
        <source>Voices</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Copy TimbreId</source>
        <translation>复制 TimbreId</translation>
    </message>
    <message>
        <source>Copy the chosen voice&apos;s TimbreId</source>
        <translation>复制所选音色的 TimbreId</translation>
    </message>
    <message>
        <source>Copy DriveByText</source>
        <translation>复制 DriveByText</translation>
    </message>
    <message>
        <source>Copy a DriveByText request body that speaks with the chosen voice</source>
        <translation>复制用所选音色说话的 DriveByText 请求体</translation>
    </message>
    <message>
        <source>Voices load once connected.</source>
        <translation>连接后会加载音色。</translation>
    </message>
    <message>
        <source>Loading voices…</source>
        <translation>正在加载音色…</translation>
    </message>
    <message>
        <source>Bound to this human</source>
        <translation>已绑定到此数字人</translation>
    </message>
    <message>
        <source>Public voice</source>
        <translation>公共音色</translation>
    </message>
    <message>
        <source>{count} bound</source>
        <translation>{count} 个绑定</translation>
    </message>
    <message>
        <source>{count} public</source>
        <translation>{count} 个公共</translation>
    </message>
    <message>
        <source>Voices ({counts})</source>
        <translation>音色（{counts}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>The voices could not be loaded: {problem}</source>
        <translation>无法加载音色：{problem}</translation>
    </message>
    <message>
        <source>Voices…</source>
        <translation>音色…</translation>
    </message>
</context>
<context>
    <name>VoicesView</name>
    <message>
        <source>Voices</source>
        <translation>音色</translation>
    </message>
    <message>
        <source>Search name or TimbreId</source>
        <translation>搜索名称或 TimbreId</translation>
    </message>
    <message>
        <source>Search voices</source>
        <translation>搜索音色</translation>
    </message>
    <message>
        <source>Public voices</source>
        <translation>公共音色</translation>
    </message>
    <message>
        <source>Copy TimbreId</source>
        <translation>复制 TimbreId</translation>
    </message>
    <message>
        <source>Copy DriveByText</source>
        <translation>复制 DriveByText</translation>
    </message>
    <message>
        <source>Voices — {label}</source>
        <translation>音色 — {label}</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Loading the public voices…</source>
        <translation>正在加载公共音色…</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n public voices match</source>
        <translation>
            <numerusform>%n 个公共音色中有 {shown} 个匹配</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n public voices</source>
        <translation>
            <numerusform>%n 个公共音色</numerusform>
        </translation>
    </message>
    <message>
        <source>The voices could not be loaded: {problem}</source>
        <translation>无法加载音色：{problem}</translation>
    </message>
    <message>
        <source>Copy DriveByText body</source>
        <translation>复制 DriveByText 请求体</translation>
    </message>
    <message>
        <source>Public voice</source>
        <translation>公共音色</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Use this avatar and voice</source>
        <extracomment>How long closing may wait for running work before the process exits anyway. Requests are aborted and keyring waits abandoned on close, so the pool is normally idle in a few milliseconds; the whole close must stay under a second. Signals that close the window as its close button does (its state is saved). Pools whose work outlived the shutdown budget, kept alive (a pool&apos;s destructor waits for its work without a bound) until the command ends the process without finalising it. Work that did not end within SHUTDOWN_BUDGET_MS: the process must not wait for it.</extracomment>
        <translation>使用此数字人和音色</translation>
    </message>
</context>
<context>
    <name>imaging</name>
    <message>
        <source>not a readable image (not a JPEG, PNG, GIF, WebP or BMP file)</source>
        <extracomment>The raster formats a portrait may come in, by their files&apos; first bytes.</extracomment>
        <translation>不是可读取的图片（不是 JPEG、PNG、GIF、WebP 或 BMP 文件）</translation>
    </message>
    <message>
        <source>not a readable image ({problem})</source>
        <translation>不是可读取的图片（{problem}）</translation>
    </message>
    <message>
        <source>image too large ({width}×{height} pixels)</source>
        <translation>图片过大（{width}×{height} 像素）</translation>
    </message>
    <message>
        <source>the image is corrupt ({problem})</source>
        <translation>图片已损坏（{problem}）</translation>
    </message>
</context>
<context>
    <name>previews</name>
    <message>
        <source>This preview has not been downloaded yet, and dhbrowser is not connected to download it.</source>
        <extracomment>Previews are a few seconds of video (the demo&apos;s are under 1 MiB); anything this large is not one. The preview folder&apos;s bound; well above one preview, so the newest is never evicted at once.</extracomment>
        <translation>此预览尚未下载，且 dhbrowser 未连接，无法下载。</translation>
    </message>
    <message>
        <source>preview link</source>
        <extracomment>How the window&apos;s messages name a preview&apos;s link: the panel around them names the human and the action already, and the video area has room for a few short lines only.</extracomment>
        <translation>预览链接</translation>
    </message>
    <message>
        <source>This action has no preview.</source>
        <translation>此动作没有预览。</translation>
    </message>
    <message>
        <source>preview link of {name} / {action}</source>
        <translation>{name} / {action} 的预览链接</translation>
    </message>
    <message>
        <source>The preview could not be loaded: its link was refused even after renewing it ({problem}).</source>
        <translation>无法加载预览：即使续期后链接仍被拒绝（{problem}）。</translation>
    </message>
    <message>
        <source>The preview could not be loaded ({problem}): retry later.</source>
        <translation>无法加载预览（{problem}）：请稍后重试。</translation>
    </message>
    <message>
        <source>The preview could not be loaded: {problem}.</source>
        <translation>无法加载预览：{problem}。</translation>
    </message>
    <message>
        <source>The preview could not be loaded ({problem}): check your network and retry.</source>
        <translation>无法加载预览（{problem}）：请检查网络后重试。</translation>
    </message>
    <message>
        <source>The preview cannot be stored in the cache folder: {problem}</source>
        <translation>无法将预览存入缓存文件夹：{problem}</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>No actions</source>
        <extracomment>True for a human the newest sync of the catalog added (its card carries &quot;New&quot;).</extracomment>
        <translation>没有动作</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>公共</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>私有</translation>
    </message>
    <message>
        <source>favourite</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>voices</name>
    <message>
        <source>the voice&apos;s picture is not an image ({problem})</source>
        <translation>音色的图片不是有效的图像（{problem}）</translation>
    </message>
    <message>
        <source>TimbreId: {id}</source>
        <translation>TimbreId：{id}</translation>
    </message>
    <message>
        <source>Picture: {problem}</source>
        <translation>图片：{problem}</translation>
    </message>
    <message>
        <source>{kind}, TimbreId {id}</source>
        <translation>{kind}，TimbreId {id}</translation>
    </message>
    <message>
        <source>a DriveByText request body with {id}</source>
        <translation>使用 {id} 的 DriveByText 请求体</translation>
    </message>
</context>
</TS>
