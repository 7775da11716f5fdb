<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message numerus="yes">
        <source> after %n automatic retries</source>
        <translation>
            <numerusform>（已自动重试 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>{error_hint} dhbrowser stopped{after}: press Retry to try again.</source>
        <translation>{error_hint}dhbrowser 已停止{after}：按“重试”再试一次。</translation>
    </message>
    <message>
        <source>{error_hint} Retrying in {seconds} s (retry {attempt} of {retries}).</source>
        <translation>{error_hint}{seconds} 秒后重试（第 {attempt}/{retries} 次重试）。</translation>
    </message>
    <message>
        <source>{error_hint} Retrying now (retry {attempt})…</source>
        <translation>{error_hint}正在重试（第 {attempt} 次重试）…</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <source>Digital humans</source>
        <translation>数字人</translation>
    </message>
</context>
<context>
    <name>Command</name>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>As &amp;CSV…</source>
        <translation>CSV 格式(&amp;C)…</translation>
    </message>
    <message>
        <source>As &amp;JSON…</source>
        <translation>JSON 格式(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Import action labels…</source>
        <translation>导入动作别名(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport action labels…</source>
        <translation>导出动作别名(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>复制为 JSON</translation>
    </message>
    <message>
        <source>Copy stream task request</source>
        <translation>复制推流任务请求</translation>
    </message>
    <message>
        <source>Copy stream task + DriveByText</source>
        <translation>复制推流任务 + DriveByText</translation>
    </message>
    <message>
        <source>Save preview video as…</source>
        <translation>预览视频另存为…</translation>
    </message>
    <message>
        <source>Open preview in player</source>
        <translation>在播放器中打开预览</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go to id…</source>
        <translation>转到 ID(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Voices…</source>
        <translation>音色(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Gone from the service…</source>
        <translation>已从服务消失的数字人(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Larger cards</source>
        <translation>放大卡片(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller cards</source>
        <translation>缩小卡片(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Default card size</source>
        <translation>默认卡片大小(&amp;D)</translation>
    </message>
    <message>
        <source>Play or pause the preview</source>
        <translation>播放或暂停预览</translation>
    </message>
    <message>
        <source>Open the card&apos;s menu</source>
        <translation>打开卡片菜单</translation>
    </message>
    <message>
        <source>Clear the search (when choosing and none: cancel)</source>
        <translation>清除搜索（选择时若无搜索：取消）</translation>
    </message>
    <message>
        <source>Move between cards</source>
        <translation>在卡片之间移动</translation>
    </message>
    <message>
        <source>On a card: play its first preview (when choosing: use it)</source>
        <translation>在卡片上：播放第一个预览（选择时：使用它）</translation>
    </message>
    <message>
        <source>On the seek bar: 1 s back or forward</source>
        <translation>在进度条上：后退或前进 1 秒</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>下一个或上一个控件</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About dhbrowser</source>
        <translation>关于 dhbrowser(&amp;A)</translation>
    </message>
    <message>
        <source>Play previews on &amp;hover</source>
        <translation>悬停时播放预览(&amp;H)</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>My app</source>
        <translation>我的应用</translation>
    </message>
    <message>
        <source>Connect a ZEGOCLOUD app</source>
        <translation>连接 ZEGOCLOUD 应用</translation>
    </message>
    <message>
        <source>Testing the connection to {endpoint} …</source>
        <translation>正在测试与 {endpoint} 的连接…</translation>
    </message>
    <message>
        <source>Storing the ServerSecret in the system keyring …</source>
        <translation>正在将 ServerSecret 存入系统密钥环…</translation>
    </message>
    <message>
        <source>Connect your ZEGOCLOUD app</source>
        <translation>连接你的 ZEGOCLOUD 应用</translation>
    </message>
    <message>
        <source>Enter the AppId and ServerSecret of your project from the ZEGOCLOUD console (Projects ▸ your project ▸ Basic configurations). The ServerSecret is kept in your system keyring, never in a file.</source>
        <translation>请输入 ZEGOCLOUD 控制台中你的项目的 AppId 和 ServerSecret（项目 ▸ 你的项目 ▸ 基本配置）。ServerSecret 保存在系统密钥环中，从不写入文件。</translation>
    </message>
    <message>
        <source>How this app is listed in the Profile menu.</source>
        <translation>此应用在“配置”菜单中显示的名称。</translation>
    </message>
    <message>
        <source>e.g. 1234567890</source>
        <translation>例如 1234567890</translation>
    </message>
    <message>
        <source>32 characters from the console</source>
        <translation>控制台中的 32 个字符</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show or hide the ServerSecret while you type it.</source>
        <translation>输入时显示或隐藏 ServerSecret。</translation>
    </message>
    <message>
        <source>The Digital Human API address. Overseas apps get theirs from ZEGOCLOUD.</source>
        <translation>数字人 API 的地址。海外应用的地址由 ZEGOCLOUD 提供。</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>配置名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;AppId:</source>
        <translation>&amp;AppId：</translation>
    </message>
    <message>
        <source>Server&amp;Secret:</source>
        <translation>Server&amp;Secret：</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>接入地址(&amp;E)：</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>仅在本次会话中保留</translation>
    </message>
    <message>
        <source>Use the secret until dhbrowser quits; you will be asked for it again next time.</source>
        <translation>密钥只使用到 dhbrowser 退出；下次会再次要求输入。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Test the connection first: Save stores details that work.</source>
        <translation>请先测试连接：“保存”只保存可用的信息。</translation>
    </message>
    <message>
        <source>Saving replaces the existing profile {name!r}.</source>
        <translation>保存将替换现有配置 {name!r}。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message numerus="yes">
        <source>Connected. This app can list %n digital humans. Save to browse them.</source>
        <translation>
            <numerusform>已连接。此应用可列出 %n 个数字人。保存后即可浏览。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not connect. {problem}</source>
        <translation>连接失败。{problem}</translation>
    </message>
    <message>
        <source>The ServerSecret could not be stored. {hint}</source>
        <translation>无法保存 ServerSecret。{hint}</translation>
    </message>
    <message>
        <source>Details: {detail}</source>
        <translation>详情：{detail}</translation>
    </message>
    <message>
        <source>The ServerSecret could not be stored. {problem}</source>
        <translation>无法保存 ServerSecret。{problem}</translation>
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
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n 秒</numerusform>
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
        <translation>复制</translation>
    </message>
    <message>
        <source>Copied ✓</source>
        <translation>已复制 ✓</translation>
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
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Copy action name</source>
        <translation>复制动作名称</translation>
    </message>
    <message>
        <source>Loading portrait…</source>
        <translation>正在加载头像…</translation>
    </message>
    <message>
        <source>Arrow keys choose an action; its preview plays above</source>
        <translation>方向键选择动作，其预览在上方播放</translation>
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
    <name>GridMessage</name>
    <message>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Edit profile</source>
        <translation>编辑配置</translation>
    </message>
    <message>
        <source>Use demo</source>
        <translation>使用演示目录</translation>
    </message>
    <message>
        <source>No starred digital humans match {search} yet (still loading).</source>
        <translation>没有与 {search} 匹配的已收藏数字人（仍在加载）。</translation>
    </message>
    <message>
        <source>No starred digital humans match {search}.</source>
        <translation>没有与 {search} 匹配的已收藏数字人。</translation>
    </message>
    <message>
        <source>No digital humans match {search} yet (still loading).</source>
        <translation>没有与 {search} 匹配的数字人（仍在加载）。</translation>
    </message>
    <message>
        <source>No digital humans match {search}.</source>
        <translation>没有与 {search} 匹配的数字人。</translation>
    </message>
    <message>
        <source>No favourites here yet. Star a digital human with the ☆ on its card (or press Ctrl+D) and it appears in this view.</source>
        <translation>这里还没有收藏。点击数字人卡片上的 ☆（或按 Ctrl+D）收藏它，它就会出现在这个视图中。</translation>
    </message>
    <message>
        <source>Can’t reach the demo catalog.</source>
        <translation>无法连接演示目录。</translation>
    </message>
    <message>
        <source>Can’t reach {endpoint} for profile {profile}.</source>
        <translation>无法连接配置 {profile} 的 {endpoint}。</translation>
    </message>
    <message>
        <source>Loading digital humans…</source>
        <translation>正在加载数字人…</translation>
    </message>
    <message>
        <source>This catalog has no digital humans to show here.</source>
        <translation>此目录在这里没有可显示的数字人。</translation>
    </message>
</context>
<context>
    <name>HoverPreview</name>
    <message>
        <source>Resting the pointer on a card plays its preview, muted</source>
        <translation>指针停在卡片上时静音播放其预览</translation>
    </message>
    <message>
        <source>Previews cannot play on this computer: {problem}</source>
        <translation>此电脑无法播放预览：{problem}</translation>
    </message>
</context>
<context>
    <name>HumanActions</name>
    <message>
        <source>Copy id</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>Copy the DigitalHumanId</source>
        <translation>复制 DigitalHumanId</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>复制为 JSON</translation>
    </message>
    <message>
        <source>Copy the id, name, visibility and actions as JSON</source>
        <translation>以 JSON 复制 ID、名称、可见性和动作</translation>
    </message>
    <message>
        <source>Copy stream task request</source>
        <translation>复制推流任务请求</translation>
    </message>
    <message>
        <source>Copy a CreateDigitalHumanStreamTask request body for this digital human</source>
        <translation>复制此数字人的 CreateDigitalHumanStreamTask 请求体</translation>
    </message>
    <message>
        <source>Copy stream task + DriveByText</source>
        <translation>复制推流任务 + DriveByText</translation>
    </message>
    <message>
        <source>Copy both requests that make this digital human speak with the chosen voice</source>
        <translation>复制让此数字人用所选音色说话的两个请求</translation>
    </message>
    <message>
        <source>Save preview video as…</source>
        <translation>预览视频另存为…</translation>
    </message>
    <message>
        <source>Save the selected action&apos;s preview</source>
        <translation>保存所选动作的预览</translation>
    </message>
    <message>
        <source>Open preview in player</source>
        <translation>在播放器中打开预览</translation>
    </message>
    <message>
        <source>Open the preview in the system&apos;s video player (downloaded by dhbrowser first)</source>
        <translation>在系统视频播放器中打开预览（dhbrowser 会先下载）</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Star this digital human</source>
        <translation>收藏此数字人</translation>
    </message>
    <message>
        <source>Unfavourite</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <source>Copied {what}</source>
        <translation>已复制{what}</translation>
    </message>
    <message>
        <source>{name} as JSON</source>
        <translation>JSON 格式的{name}</translation>
    </message>
    <message>
        <source>a CreateDigitalHumanStreamTask request body: fill in its RoomId and StreamId</source>
        <translation>CreateDigitalHumanStreamTask 请求体：请填写其中的 RoomId 和 StreamId</translation>
    </message>
    <message>
        <source>the requests for {name} with {id}</source>
        <translation>{name} 使用 {id} 的请求</translation>
    </message>
    <message>
        <source>Starred {name}</source>
        <translation>已收藏 {name}</translation>
    </message>
    <message>
        <source>Unstarred {name}</source>
        <translation>已取消收藏 {name}</translation>
    </message>
    <message>
        <source>Save preview video</source>
        <translation>保存预览视频</translation>
    </message>
    <message>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>正在保存 {name}…</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>Could not save {name}: {problem}</source>
        <translation>无法保存 {name}：{problem}</translation>
    </message>
    <message>
        <source>Preparing the preview {name} for the video player…</source>
        <translation>正在为视频播放器准备预览 {name}…</translation>
    </message>
    <message>
        <source>No program is set up to play videos on this computer.</source>
        <translation>这台电脑上没有设置用于播放视频的程序。</translation>
    </message>
</context>
<context>
    <name>HumanCardDelegate</name>
    <message>
        <source>Portrait unavailable</source>
        <translation>头像不可用</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>{name}
Portrait unavailable: {problem}</source>
        <translation>{name}
头像不可用：{problem}</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
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
    <name>MainWindow</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
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
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Which digital humans to list (FetchMode)</source>
        <translation>要列出哪些数字人（FetchMode）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source> Show </source>
        <translation> 显示 </translation>
    </message>
    <message>
        <source>★ Favourites</source>
        <translation>★ 收藏</translation>
    </message>
    <message>
        <source>Show only starred digital humans</source>
        <translation>只显示已收藏的数字人</translation>
    </message>
    <message>
        <source>Favourites only</source>
        <translation>只看收藏</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Show only the digital humans new since the last sync</source>
        <translation>只显示上次同步以来新增的数字人</translation>
    </message>
    <message>
        <source>New since last sync only</source>
        <translation>只看上次同步以来新增的</translation>
    </message>
    <message>
        <source>Search name or id  (Ctrl+F)</source>
        <translation>搜索名称或 ID（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Catalog order</source>
        <translation>目录顺序</translation>
    </message>
    <message>
        <source>Name A–Z</source>
        <translation>名称 A–Z</translation>
    </message>
    <message>
        <source>Sort the cards</source>
        <translation>卡片排序</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Size </source>
        <translation>大小 </translation>
    </message>
    <message>
        <source>Card size (Ctrl+= and Ctrl+−, or Ctrl+wheel over the cards)</source>
        <translation>卡片大小（Ctrl+= 和 Ctrl+−，或在卡片上按住 Ctrl 滚动滚轮）</translation>
    </message>
    <message>
        <source>Card size</source>
        <translation>卡片大小</translation>
    </message>
    <message>
        <source>Digital human actions</source>
        <translation>数字人操作</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save or open the selected action&apos;s preview</source>
        <translation>保存或打开所选动作的预览</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>更多操作</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Use this avatar</source>
        <translation>使用此数字人</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Cannot connect to {label}: {hint}</source>
        <translation>无法连接 {label}：{hint}</translation>
    </message>
    <message>
        <source>Choose a digital human — {label}</source>
        <translation>选择数字人 — {label}</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <source>Demo catalog: connect your ZEGOCLOUD app to browse your own digital humans.</source>
        <translation>演示目录：连接你的 ZEGOCLOUD 应用即可浏览你自己的数字人。</translation>
    </message>
    <message>
        <source>Connecting to {name}…</source>
        <translation>正在连接 {name}…</translation>
    </message>
    <message>
        <source>The demo catalog cannot start: {problem}</source>
        <translation>演示目录无法启动：{problem}</translation>
    </message>
    <message>
        <source>Enter secret…</source>
        <translation>输入密钥…</translation>
    </message>
    <message>
        <source>Could not open profile {name}: {problem}</source>
        <translation>无法打开配置 {name}：{problem}</translation>
    </message>
    <message>
        <source>Choose a voice for this avatar first</source>
        <translation>请先为此数字人选择音色</translation>
    </message>
    <message>
        <source>Copied {what}</source>
        <translation>已复制{what}</translation>
    </message>
    <message>
        <source>Showing {name}: the current filter or list does not show its card</source>
        <translation>正在显示 {name}：当前筛选或列表中没有它的卡片</translation>
    </message>
    <message>
        <source>About dhbrowser</source>
        <translation>关于 dhbrowser</translation>
    </message>
    <message>
        <source>&lt;h3&gt;dhbrowser {version}&lt;/h3&gt;&lt;p&gt;Browse the ZEGOCLOUD AIGC digital humans of your app: portraits, action previews, and the DigitalHumanId you need.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;dhbrowser {version}&lt;/h3&gt;&lt;p&gt;浏览你的应用的 ZEGOCLOUD AIGC 数字人：头像、动作预览，以及你需要的 DigitalHumanId。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Export catalog as {label}</source>
        <translation>将目录导出为 {label}</translation>
    </message>
    <message>
        <source>Loading the whole catalog before exporting…</source>
        <translation>导出前正在加载完整目录…</translation>
    </message>
    <message>
        <source>Export catalog</source>
        <translation>导出目录</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <source>Loading the whole catalog before exporting… {loaded} of {total}</source>
        <translation>导出前正在加载完整目录… {loaded}/{total}</translation>
    </message>
    <message>
        <source>Could not export the catalog: {problem}</source>
        <translation>无法导出目录：{problem}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Loaded {loaded} of {total}</source>
        <translation>已加载 {loaded}/{total}</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Can’t reach {endpoint} for profile {profile}: {hint}</source>
        <translation>无法连接配置 {profile} 的 {endpoint}：{hint}</translation>
    </message>
    <message>
        <source>Edit profile</source>
        <translation>编辑配置</translation>
    </message>
    <message>
        <source>Use demo</source>
        <translation>使用演示目录</translation>
    </message>
    <message>
        <source>Loading stopped at {loaded}</source>
        <translation>加载已停止于 {loaded}</translation>
    </message>
    <message>
        <source>Offline since {time} · showing {shown}</source>
        <translation>自 {time} 起离线 · 正在显示 {shown}</translation>
    </message>
    <message>
        <source>Showing {shown} · updating…</source>
        <translation>正在显示 {shown} · 正在更新…</translation>
    </message>
    <message>
        <source>Rename action</source>
        <translation>重命名动作</translation>
    </message>
    <message>
        <source>A name for “{name}” in this catalog (empty: none). The real name is still what is copied and sent.</source>
        <translation>在此目录中为“{name}”起的名称（留空：不设）。复制和发送的仍是真实名称。</translation>
    </message>
    <message>
        <source>Import action labels</source>
        <translation>导入动作别名</translation>
    </message>
    <message>
        <source>Action labels (*.json)</source>
        <translation>动作别名 (*.json)</translation>
    </message>
    <message>
        <source>Export action labels</source>
        <translation>导出动作别名</translation>
    </message>
    <message>
        <source>Action labels</source>
        <translation>动作别名</translation>
    </message>
    <message>
        <source>{text} · loading…</source>
        <translation>{text} · 正在加载…</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Export catalog</source>
        <translation>导出目录(&amp;E)</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <source>Tags and note</source>
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
    <name>PreviewPlayer</name>
    <message>
        <source>Video previews need QtMultimedia: install libpulse0</source>
        <translation>视频预览需要 QtMultimedia：请安装 libpulse0</translation>
    </message>
    <message>
        <source>No audio output on this computer</source>
        <translation>这台电脑没有音频输出</translation>
    </message>
    <message>
        <source>Select an action to play its preview</source>
        <translation>选择一个动作以播放其预览</translation>
    </message>
    <message>
        <source>No preview for this action</source>
        <translation>此动作没有预览</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>正在加载预览…</translation>
    </message>
    <message>
        <source>no QtMultimedia backend is available</source>
        <translation>没有可用的 QtMultimedia 后端</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>{missing} ({problem}).</source>
        <translation>{missing}（{problem}）。</translation>
    </message>
    <message>
        <source>Position (click or drag to seek, ←/→ to step)</source>
        <translation>播放位置（点击或拖动以跳转，←/→ 步进）</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Loop: on</source>
        <translation>循环：开</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Preview · {action}</source>
        <translation>预览 · {action}</translation>
    </message>
    <message>
        <source>Loop: off</source>
        <translation>循环：关</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>播放（空格）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>声音关闭</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>声音开启</translation>
    </message>
    <message>
        <source>This preview cannot be played: {problem}.</source>
        <translation>无法播放此预览：{problem}。</translation>
    </message>
    <message>
        <source>This preview is not a playable video.</source>
        <translation>此预览不是可播放的视频。</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>头像</translation>
    </message>
    <message>
        <source>{action}, {state}, {sound}</source>
        <translation>{action}，{state}，{sound}</translation>
    </message>
    <message>
        <source>playing</source>
        <translation>正在播放</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>ProfilesMenu</name>
    <message>
        <source>&amp;Profile</source>
        <translation>配置(&amp;P)</translation>
    </message>
    <message>
        <source>The built-in sample catalog; no account needed.</source>
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
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Scope</name>
    <message>
        <source>anywhere in the window</source>
        <translation>窗口内任意位置</translation>
    </message>
    <message>
        <source>on the cards</source>
        <translation>在卡片上</translation>
    </message>
    <message>
        <source>when choosing (--pick)</source>
        <translation>选择时（--pick）</translation>
    </message>
    <message>
        <source>handled by the control that has focus</source>
        <translation>由拥有焦点的控件处理</translation>
    </message>
</context>
<context>
    <name>Starring</name>
    <message>
        <source>★ Favourites</source>
        <translation>★ 收藏</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Starred {name} · Ctrl+Z undoes</source>
        <translation>已收藏 {name} · Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <source>Unstarred {name} · Ctrl+Z undoes</source>
        <translation>已取消收藏 {name} · Ctrl+Z 可撤销</translation>
    </message>
    <message>
        <source>Undo star {name}</source>
        <translation>撤销收藏 {name}</translation>
    </message>
    <message>
        <source>Undo unstar {name}</source>
        <translation>撤销取消收藏 {name}</translation>
    </message>
    <message>
        <source>Undone: {name} is starred</source>
        <translation>已撤销：{name} 已收藏</translation>
    </message>
    <message>
        <source>Undone: {name} is not starred</source>
        <translation>已撤销：{name} 未收藏</translation>
    </message>
    <message>
        <source>Show only starred digital humans ({count} starred)</source>
        <translation>只显示已收藏的数字人（已收藏 {count} 个）</translation>
    </message>
    <message>
        <source>Show only starred digital humans (none starred yet)</source>
        <translation>只显示已收藏的数字人（尚未收藏任何数字人）</translation>
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
        <translation>没有音色绑定到此私有数字人。ZEGOCLOUD 为私有数字人配对其专属音色：请联系 ZEGOCLOUD 绑定一个。</translation>
    </message>
    <message>
        <source>This app lists no public voices.</source>
        <translation>此应用没有列出公共音色。</translation>
    </message>
    <message>
        <source>Voices (00 public)</source>
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
    <name>actions</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Portraits are cached in memory only: {problem}.</source>
        <translation>头像只缓存在内存中：{problem}。</translation>
    </message>
    <message>
        <source>Use this avatar and voice</source>
        <translation>使用此数字人和音色</translation>
    </message>
</context>
<context>
    <name>imaging</name>
    <message>
        <source>not a readable image (not a JPEG, PNG, GIF, WebP or BMP file)</source>
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
        <translation>此预览尚未下载，且 dhbrowser 未连接，无法下载。</translation>
    </message>
    <message>
        <source>preview link</source>
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
    <name>save_dialog</name>
    <message>
        <source>{name} already exists in {parent}. Replace it?</source>
        <translation>{parent} 中已存在 {name}。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>thumbnails</name>
    <message>
        <source>No portrait: the service gave this digital human no AvatarUrl.</source>
        <translation>没有头像：服务没有为此数字人提供 AvatarUrl。</translation>
    </message>
    <message>
        <source>portrait link of {name}</source>
        <translation>{name} 的头像链接</translation>
    </message>
    <message>
        <source>The portrait cannot be shown: {problem}.</source>
        <translation>无法显示头像：{problem}。</translation>
    </message>
    <message>
        <source>The portrait link was refused even after renewing it ({problem}).</source>
        <translation>即使续期后头像链接仍被拒绝（{problem}）。</translation>
    </message>
    <message>
        <source>The portrait was refused: {problem}.</source>
        <translation>头像被拒绝：{problem}。</translation>
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
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <source>%n digital humans</source>
        <translation>
            <numerusform>%n 个数字人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n digital humans as synced {moment}</source>
        <translation>
            <numerusform>%n 个数字人（{moment} 同步时的状态）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogExportView</name>
    <message numerus="yes">
        <source>Exporting %n digital humans and their voices…</source>
        <translation>
            <numerusform>正在导出 %n 个数字人及其音色…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n digital humans to {path}</source>
        <translation>
            <numerusform>已将 %n 个数字人导出到 {path}</numerusform>
        </translation>
    </message>
</context>
</TS>
