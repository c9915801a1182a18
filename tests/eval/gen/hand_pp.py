# Fully hand-written people_places letters for the hard cases. `trad`/`ocr` ask the
# builder to convert the text to traditional script / add OCR noise; labels stay simplified.

def P(name):
    return {"name": name, "anonymous": False}


ANON = {"name": "匿名", "anonymous": True}


def A(name, title, **kw):
    d = {"name": name, "title": title}
    d.update(kw)
    return d


HAND_PP = [
    # Villager sharing the official's surname; the official named once, then by bare title.
    dict(text="""尊敬的县纪委领导：
我是石桥镇柳河村三组村民王大明，今年六十七岁。我要反映我村村支书王建华的问题。我和王建华是一个姓，但不是一家人，这些年他仗着当书记，什么好处都往自家揽。村里修机耕道占了我家半亩地，说好每年给三百元，四年了一分没给。村支书在会上说这地是集体的，想给就给，不想给就不给。我的侄儿王小虎去找他理论，还被他的人推倒在地。
请领导派人来查一查。
举报人：王大明
电话：13908571234
2021年4月12日""",
         petitioners=[P("王大明")], accused=[A("王建华", "村党支部书记")], mentioned=["王小虎"], town="石桥镇", village="柳河村"),
    # Same name, different village and post (龙泉村会计王建华): a different person.
    dict(text="""县纪委监委：
青龙镇龙泉村会计王建华管着村里的账，这几年村里的集体林地租给外地老板，每年租金三万六，账上只记了一万二。我们村民代表要求看账，他说账本在镇农经站，农经站又说没收到。另外他把村里的旧水泥晒场卖给了他连襟刘德才做仓库，卖了多少钱谁也不知道。
望领导查清。
龙泉村部分村民
2021年5月3日""",
         petitioners=[ANON], accused=[A("王建华", "村会计")], mentioned=["刘德才"], town="青龙镇", village="龙泉村"),
    # 村委会主任兼会计 with a masked name; bare title followed by a verb.
    dict(text="""尊敬的领导：
我们是清河县双河镇金竹村的部分村民。我村村委会主任兼会计崔某某一个人管钱管账，村里的事从来不开会。去年上面拨了八万元修村里的饮水池，池子只砌了一半就停工了。主任讲这是镇里的意思，钱不够了。可是大家都看见他家今年新买了小车。
希望纪委派人来查账。
金竹村部分村民""",
         petitioners=[ANON], accused=[A("崔某某", "村委会主任", other_titles=["村会计"])], mentioned=[], town="双河镇", village="金竹村"),
    # Former village chief, old alias of a merged village.
    dict(text="""纪委领导您好！
我是原前杨庄村的村民杨德顺，两村合并以后我们归了杨庄村。合并前原村主任赵某把前杨庄村集体的二十亩河滩地私自租给了砖厂，租金一直是他自己收，合并时也没交接。现在赵某不当干部了，这笔账就没人管了。我问过现在的村会计吴永福，他说合并前的账他不清楚。
请领导帮忙把这笔钱追回来。
杨德顺
身份证号：522723195611030412
二〇二二年二月十八日""",
         petitioners=[P("杨德顺")], accused=[A("赵某", "村委会主任", former=True)], mentioned=["吴永福"], town="石桥镇", village="杨庄村"),
    # Two-character surname, town name without 镇.
    dict(text="""尊敬的县纪委领导：
双河金竹村旁边就是双河村，双河村支书欧阳明辉去年把村里的护林员名额全给了自家人，他儿子欧阳小军在县城开饭店，也挂着护林员领工资。村里困难户想当护林员，欧阳书记说没名额。
我们也找过双河镇的驻村工作队，队员姚小月说回去汇报，后来没有消息。
知情群众""",
         petitioners=[ANON], accused=[A("欧阳明辉", "村党支部书记")], mentioned=["欧阳小军", "姚小月"], town="双河镇", village="双河村"),
    # 司马 surname, 南山 without 乡, phone number.
    dict(text="""举报信
举报人：方大年，南山松林村四组村民，电话15885071122。
被举报人：司马志远，松林村党支部书记。
司马志远在村里搞退耕还林补助时，把已经去世的方老三、方老四的名字也报上去了，补助款打到了他自己办的卡上。我是方老三的侄子，这个事我最清楚。我去年向乡长冯志远反映过，冯乡长说会调查。至今没有结果。
请求县纪委严肃查处。
方大年
2020年9月9日""",
         petitioners=[P("方大年")], accused=[A("司马志远", "村党支部书记")], mentioned=["方老三", "方老四", "冯志远"], town="南山乡", village="松林村"),
    # Three accused, title after the name.
    dict(text="""清河县纪律检查委员会：
白马镇三岔村高某书记、程万里主任、魏长河会计三个人把持村里的事多年。一、村里的集体果园承包费每年六万多，账上只有两万；二、修村道时三个人各自安排亲戚进工地，工钱照领人不干活；三、去年的低保评议会是在高书记家里开的，参加的只有他们三个。
请领导调查。
三岔村村民 叶建新、石秀芳
2022年6月20日""",
         petitioners=[P("叶建新"), P("石秀芳")], accused=[A("高某", "村党支部书记"), A("程万里", "村委会主任"), A("魏长河", "村会计")], mentioned=[], town="白马镇", village="三岔村"),
    # Old alias 三叉村, anonymous 知情人, official merely mentioned.
    dict(text="""我是一名知情人，反映白马镇三叉村的事。村主任程万里今年春天把村里的公益林卖给了木材老板，砍了两百多方。这事林业站的人来看过，站长罗国辉说是有审批的，可是村里谁也没见过审批。程主任家今年新盖了三层楼，还买了一辆二十多万的车，村里人都说钱是从林子里来的。
请领导明察，不要让林子白白被砍了。""",
         petitioners=[ANON], accused=[A("程万里", "村委会主任")], mentioned=["罗国辉"], town="白马镇", village="三岔村"),
    # Town official accused (镇长张某) with no village.
    dict(text="""尊敬的县纪委书记：
青龙镇镇长张某上任两年来，每个月都要用镇里的公车到市里办私事，每次都是司机孙二虎开车。去年他女儿考上大学，在县城酒店摆了三十多桌，镇里各站所长都去送了礼，少的五百，多的两千。
我们都是镇上的干部职工，不方便署名，请领导理解。
青龙镇部分干部""",
         petitioners=[ANON], accused=[A("张某", "镇长")], mentioned=["孙二虎"], town="青龙镇", village=None),
    # County-level official, no town or village.
    dict(text="""县纪委监委：
县林业局局长邓某某在办理林木采伐许可证的时候，要求申请人找他指定的中介公司做“技术方案”，每份收费八千元。这家中介公司的老板是他小舅子曾祥林。我们几个做木材生意的都被这样要过钱。
请领导调查。
刘国富  电话 13638570216
2023年3月1日""",
         petitioners=[P("刘国富")], accused=[A("邓某某", "局长")], mentioned=["曾祥林"], town=None, village=None),
    # Village named with county prefix; 王XX masked.
    dict(text="""尊敬的领导：
清河县河口乡大营村党支部书记冯XX利用职务之便，把村里的五保老人冯大爷的房子拆了，地基给了他自己的侄子盖房子。冯大爷现在住在村部的杂物间里。我们去找乡里，接待我们的副乡长朱红兵说村里的事让村里解决。
大营村村民：韩玉珍、冯建设
联系电话：18208576633""",
         petitioners=[P("韩玉珍"), P("冯建设")], accused=[A("冯XX", "村党支部书记")], mentioned=["朱红兵"], town="河口乡", village="大营村"),
    # 鹿角村 alias -> 鹿鸣村, 上官 surname, traditional script.
    dict(text="""尊敬的縣紀委領導：
我是長嶺鎮鹿角村（現在叫鹿鳴村）的村民上官玉珠。村支書上官海濤是我的堂兄，但是我還是要實名反映他的問題。去年村裡的危房改造，他給自己的岳父家報了兩戶，一戶是老房子，一戶是新蓋的豬圈，都拿了補助。真正住危房的蘭大娘一家到現在也沒人管。
上官玉珠
2021年11月8日""",
         petitioners=[P("上官玉珠")], accused=[A("上官海涛", "村党支部书记")], mentioned=[], town="长岭镇", village="鹿鸣村", raw=True),
    # 鸣凤村 alias, 村长 surface, relatives mentioned.
    dict(text="""长岭镇鸣凤村村长樊志华，他老婆兰秀英是村会计，夫妻两个一个管事一个管钱。村里的光伏电站收益两年十几万，公示栏里从来没有公布。樊志华的弟弟樊志军开的农家乐，村里的招待都在那里，一年好几万。我们村民代表提出要查账，樊志华说账在镇里，让我们去镇里看，镇里又说在村里。
部分群众
2022年8月""",
         petitioners=[ANON], accused=[A("樊志华", "村委会主任"), A("兰秀英", "村会计")], mentioned=["樊志军"], town="长岭镇", village="鹿鸣村"),
    # 太平村 alias -> 和平村; officials in parentheses; ID number not a name.
    dict(text="""县纪委：
本人郑有田，男，1962年出生，身份证号码522724196207150318，住青龙镇太平村五组。
罗春明（村党支部书记）、梁守义（村会计）二人在2019年征地补偿中，把我家被征的一亩三分地算成了九分，差额部分的补偿款至今没有着落。我多次找他们，罗书记说“有意见去告”。
请领导为我做主。
郑有田
2020年7月1日""",
         petitioners=[P("郑有田")], accused=[A("罗春明", "村党支部书记"), A("梁守义", "村会计")], mentioned=[], town="青龙镇", village="和平村"),
    # Officials merely mentioned only: the accused is a villager group leader.
    dict(text="""尊敬的县纪委领导：
我是城关镇十里铺村的汤秀英。我们组的组长尹小军把组里卖地的钱分给了自己几个兄弟，我家一分没拿到。我先找了村支书汤德胜，汤书记说是组里的事他不管；又找了镇里的副镇长董丽娟，董镇长让我找村里。推来推去一年了。
请求领导过问。
汤秀英
13985702288""",
         petitioners=[P("汤秀英")], accused=[A("尹小军", "村民小组长")], mentioned=["汤德胜", "董丽娟"], town="城关镇", village="十里铺村"),
    # Name-looking words after titles: 书记在会上讲, 主任表示; the accused named once.
    dict(text="""县纪委监委领导：
河口乡沙坝村的事情，我们实在忍不下去了。曹金宝当支书十二年，村里开会都是他一个人说了算。今年三月修河堤，书记在会上讲每户要出义务工，不出工的每天交一百元，收上来的钱也不知道去了哪里。主任表示他不知情，会计说钱都交给书记了。
沙坝村部分党员群众""",
         petitioners=[ANON], accused=[A("曹金宝", "村党支部书记")], mentioned=[], town="河口乡", village="沙坝村"),
    # Letter from one village about another village's matter.
    dict(text="""尊敬的领导：
我叫吕长林，是白马镇黄土岭村村民，但我在隔壁红星村承包了十五亩山地种核桃。去年红星村修产业路，从我的核桃地中间穿过，毁了六十多棵树。红星村支书余家旺答应每棵赔两百元，到现在不认账，说是我们村的事找我们村。
请领导帮我讨个公道。
吕长林
2022年10月15日""",
         petitioners=[P("吕长林")], accused=[A("余家旺", "村党支部书记")], mentioned=[], town="白马镇", village="红星村"),
    # Station head with unit; 新村村 (village whose name contains 新村).
    dict(text="""长岭镇新村村村民反映：镇农技站站长杜宏亮去年在我村推广种植药材，让每户交一千元“种苗费”，说包回收。结果种苗一半是死的，到了收获季节也没人来收。我们找村主任龚建伟，他说是镇里的项目，村里管不了。全村四十多户，交的种苗费加起来有四万多元。
请求追回种苗费，并查一查这个站长是不是和卖种苗的人有关系。
新村村村民 程玉兰 等""",
         petitioners=[P("程玉兰")], accused=[A("杜宏亮", "站长")], mentioned=["龚建伟"], town="长岭镇", village="新村村"),
    # OCR-ish line breaks inside names, phone number.
    dict(text="""尊敬的县纪委领导:
我是城关镇北关村村民段秀
兰,我反映北关村党支部书记龙海
生和村会计段玉清在城中村改造中私分
集体土地补偿款的问题。段玉清是我本家
,但这个事我必须说。两人把北关
村集体的三块地的补偿款四百多万存在私人账户上,至今没有分给村民。
举报人:段秀兰  手机:15186571290""",
         petitioners=[P("段秀兰")], accused=[A("龙海生", "村党支部书记"), A("段玉清", "村会计")], mentioned=[], town="城关镇", village="北关村", raw=True),
    # 镇党委书记 accused, village mentioned only as where the petitioner lives.
    dict(text="""清河县纪委：
南山乡党委书记邓建明在全乡搞“示范村”建设，把南山村的老房子全刷成了一样的黄墙，每户墙面补助三千元，实际刷墙的老板只拿到一千五，剩下的钱说是“管理费”。承包刷墙的是邓书记的同学。老百姓的房子漏雨没人管，墙面倒是刷得光鲜，上面来检查的时候都说好。
南山村一群老党员
2023年5月""",
         petitioners=[ANON], accused=[A("邓建明", "乡党委书记")], mentioned=[], town="南山乡", village="南山村"),
    # No village; town without suffix; two petitioners.
    dict(text="""尊敬的县纪委领导：
我们是白马街上做生意的个体户卢秀华、姜大富。白马镇国土所所长郑永刚借着查违建，到我们每家店里“检查”，不给钱就说要拆。我们每家都给过他两千到五千不等。不给的，第二天就有人来贴封条。我们做小本生意的实在经不起这样折腾。
卢秀华  姜大富
2019年8月6日""",
         petitioners=[P("卢秀华"), P("姜大富")], accused=[A("郑永刚", "所长")], mentioned=[], town="白马镇", village=None),
    # Relatives named and masked relative; accused village chief named with 村委会主任 title.
    dict(text="""县纪委监委：
现实名举报双河镇团结村村委会主任谭永红。谭永红的哥哥谭某某在村里开了一个石料厂，厂子没有任何手续，天天放炮，我家的房子都震裂了。谭永红不但不管，还帮着厂里占了村里的林地。我们找团结村支书钟明亮反映，他说管不了。
举报人：陆永康（团结村二组）
电话：15285756608""",
         petitioners=[P("陆永康")], accused=[A("谭永红", "村委会主任")], mentioned=["谭某某", "钟明亮"], town="双河镇", village="团结村"),
    # Anonymous, village only (no town), 村监委会主任 accused together with the secretary.
    dict(text="""李家庄村的村民向领导反映：我们村监委会主任李文通本来是监督村干部的，可他和支书李茂林是亲兄弟。这几年村里花钱的单子，李文通看都不看就签字。去年村里的“美丽乡村”项目，李茂林把工程给了他的女婿，李文通一句话都没说。
请领导查一查。
李家庄村部分村民""",
         petitioners=[ANON], accused=[A("李文通", "村监委会主任"), A("李茂林", "村党支部书记")], mentioned=[], town="河口乡", village="李家庄村"),
    # Masked official and masked relative; petitioner signs with name at end.
    dict(text="""尊敬的县纪委领导：
石桥镇东山村支书陈某在去年的危房改造中，把他女儿陈某某家新盖的楼房报成了危房，拿了三万元补助。我家的老房子墙都塌了一面，申请了两次都没批，去问的时候他说名额有限，让我明年再报。村里人都知道他女儿家的房子是新的。
东山村村民  黄秀珍
2020年12月2日""",
         petitioners=[P("黄秀珍")], accused=[A("陈某", "村党支部书记")], mentioned=["陈某某"], town="石桥镇", village="东山村"),
    # Community (社区) instead of village; 社区书记.
    dict(text="""城西社区居民反映：社区书记邵永年把社区的门面房以每年两千元的价格租给了他的朋友，市场价至少两万。社区主任孟凡强也知道这事，还帮着写了合同。社区的账目从来不公开，居民代表要看合同也不给看。
请领导调查。
居民  吴玉兰  电话13765702291""",
         petitioners=[P("吴玉兰")], accused=[A("邵永年", "社区党支部书记"), A("孟凡强", "社区居委会主任")], mentioned=[], town="城关镇", village="城西社区"),
    # 副镇长 accused by title after name; village named in traditional.
    dict(text="""縣紀委監委：
雙河鎮副鎮長謝紅霞分管民政，去年向陽村的低保名單是她拍板定的，名單裡有五戶是她娘家的親戚。向陽村支書汪春來開會時說名單是鎮裡給的，他只負責通知。真正困難的劉大爺、孫大娘兩家反而被刷了下來，大家意見很大。
請領導調查處理。
向陽村部分群眾""",
         petitioners=[ANON], accused=[A("谢红霞", "副镇长")], mentioned=["汪春来"], town="双河镇", village="向阳村", raw=True),
    # Accused group leader and relative; phone and a bank card number that is not a name.
    dict(text="""尊敬的领导：
我叫贾玉芬，南山乡梨树村村民。梨树村会计秦桂芳去年帮我家代领了退耕还林补助，存折一直在她手上，卡号6217002870012345678，她说钱早就取给我了，可我一分也没收到。村主任邱德润说会计的事他不清楚。
贾玉芬
2021年6月""",
         petitioners=[P("贾玉芬")], accused=[A("秦桂芳", "村会计")], mentioned=["邱德润"], town="南山乡", village="梨树村"),
    # Joint letter by three, town official and village official, 三岔 with 叉 alias in county form.
    dict(text="""清河县白马镇三叉村村民夏长顺、付秀云、廖德文联名反映：
我村魏会计（魏长河）与镇农经站站长罗国辉串通，把村里2018年到2020年的集体收入做了假账，村里卖石料的十多万收入没有入账。我们要求镇里审计，罗站长说村里的账没有问题。
夏长顺 付秀云 廖德文
2021年3月15日""",
         petitioners=[P("夏长顺"), P("付秀云"), P("廖德文")], accused=[A("魏长河", "村会计"), A("罗国辉", "站长")], mentioned=[], town="白马镇", village="三岔村"),
]
